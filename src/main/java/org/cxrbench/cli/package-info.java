/**
 * The picocli command line. Each command is a {@code Callable<Integer>} that only builds a request, calls the job
 * of the family it belongs to (or {@code run} for the config run and the commands that span families) and hands
 * the result to its renderer; shared options live in {@link org.cxrbench.cli.CommonOptions}; exceptions become exit codes in
 * {@link org.cxrbench.cli.Main} only (0 ok, 2 bad input, 3 regression, 1 anything else; a full heap is one line saying
 * what to give, {@link org.cxrbench.cli.OutOfMemory}).
 */
package org.cxrbench.cli;

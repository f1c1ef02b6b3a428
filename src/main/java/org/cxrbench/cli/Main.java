package org.cxrbench.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.cxrbench.common.BadInputException;
import org.cxrbench.common.Version;
import org.cxrbench.data.ImageHashes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: picocli subcommands; exceptions are mapped to the contract's exit codes here and only here. */
@Command(name = "cxrbench", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
        description = "Benchmark generators of synthetic chest X-rays: fidelity, privacy, utility.",
        subcommands = {DemoCommand.class, RunCommand.class, ManifestCommand.class, SplitCommand.class, EncodeCommand.class,
                FidelityCommand.class, PrivacyCommand.class, StatsCommand.class, UtilityCommand.class, MetricsCommand.class, FilterCommand.class,
                CacheCommand.class, PhantomCommand.class, EncoderCommand.class, BenchCommand.class,
                CompareCommand.class, ReproduceCommand.class, RegressCommand.class, ValidateCommand.class,
                ScoreMasksCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;
    public static final int REGRESSION = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }

    /** Every subcommand takes --rehash: image hashes are computed again instead of remembered (data.ImageHashes). */
    @CommandLine.Option(names = "--rehash", scope = CommandLine.ScopeType.INHERIT,
            description = "Hash every image again instead of trusting hashes remembered by (path, size, modification "
                    + "time), and report any that were wrong.")
    void rehash(boolean on) {
        rehash = on;
    }

    private boolean rehash;
    private boolean skipBad;

    /** Every subcommand takes --skip-bad: images that cannot be decoded are left out, named and counted. */
    @CommandLine.Option(names = "--skip-bad", scope = CommandLine.ScopeType.INHERIT,
            description = "Leave out images that cannot be decoded (corrupt, truncated, not PNG/JPEG) instead of "
                    + "stopping: they are named on stderr and counted in the results' provenance "
                    + "(skipped_bad_images:ROLE). Without it, one error names every bad image (up to 10).")
    void skipBad(boolean on) {
        skipBad = on;
    }

    /** Gives a command's run the settings of this command line (each command line is parsed into a new Main). */
    void applyTo(org.cxrbench.pipeline.RunContext run) {
        run.withSkipBad(skipBad).withHashMode(rehash ? ImageHashes.Mode.REHASH : ImageHashes.Mode.CACHED);
    }

    public static void main(String[] args) {
        // JavaCPP refuses native buffers once the resident set passes 2 x -Xmx; memory-mapped feature files count in
        // the resident set though the OS can drop their pages at will, so that check would fail large runs with a
        // small heap (the heap and JavaCPP's own byte count, -Xmx, still bound what cxrbench allocates)
        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        }
        // running out of heap anywhere (the main thread or a worker) is one line saying how much to give
        Thread.UncaughtExceptionHandler dflt = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (OutOfMemory.isCause(e)) {
                System.err.println(OutOfMemory.message());
                Runtime.getRuntime().halt(FAILURE);
            } else if (dflt != null) {
                dflt.uncaughtException(t, e);
            } else {
                t.getThreadGroup().uncaughtException(t, e);
            }
        });
        // Ctrl-C / SIGTERM: one line saying what was kept (the JVM then exits 130 / 143)
        InterruptNotice.install();
        int rc;
        try {
            rc = execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println(OutOfMemory.message());
            rc = FAILURE;
        }
        InterruptNotice.finished();
        System.exit(rc);
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        // --rehash and --skip-bad are settings of the command's run (its context), not of the process
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        HelpLayout.install(cl); // help wraps at spaces only: no URL or word is split over two lines
        // every command with --threads runs on its own workers (kernels, parallel loops: see CommonOptions)
        cl.setExecutionStrategy(parsed -> {
            try {
                return (Integer) CommonOptions.runOnWorkers(parsed, main::applyTo,
                        () -> new CommandLine.RunLast().execute(parsed));
            } catch (CommandLine.ExecutionException | CommandLine.ParameterException e) {
                throw e;
            } catch (Exception e) {
                throw new CommandLine.ExecutionException(cl, String.valueOf(e.getMessage()), e);
            }
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cl.getErr();
            Throwable t = ex;
            if (t instanceof BadInputException) {
                err.println("error: " + oneLine(t.getMessage()));
                return BAD_INPUT;
            }
            if (OutOfMemory.isCause(t)) {
                err.println(OutOfMemory.message());
                return FAILURE;
            }
            if (t instanceof UncheckedIOException) {
                err.println("error: " + oneLine(t.getMessage()));
                return FAILURE;
            }
            err.println("error: " + oneLine(String.valueOf(t)));
            if (System.getenv("CXRBENCH_DEBUG") != null) {
                t.printStackTrace(err);
            } else {
                err.println("(set CXRBENCH_DEBUG=1 for the stack trace)");
            }
            return FAILURE;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = cl.getErr();
            err.println("error: " + oneLine(parameterMessage(ex)) + " (see '" + ex.getCommandLine().getCommandName()
                    + " --help')");
            return BAD_INPUT;
        });
        return cl;
    }

    /**
     * The parse error to report. A mistyped option ({@code --synth}) leaves a required one ({@code --synthetic})
     * unset, and picocli then reports the missing option; the unknown option is the cause, so it is named
     * first, with picocli's suggestions.
     */
    static String parameterMessage(CommandLine.ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        java.util.List<String> unmatched = cmd == null ? java.util.List.of() : cmd.getUnmatchedArguments();
        if (!(ex instanceof CommandLine.MissingParameterException) || unmatched.isEmpty()) {
            return ex.getMessage();
        }
        CommandLine.UnmatchedArgumentException u = new CommandLine.UnmatchedArgumentException(cmd, unmatched);
        java.util.List<String> suggestions = u.getSuggestions();
        return u.getMessage() + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?");
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /** --version: version and git commit. */
    public static final class VersionInfo implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cxrbench " + Version.version() + " (commit " + Version.commit() + ", Java "
                    + System.getProperty("java.version") + ")"};
        }
    }
}

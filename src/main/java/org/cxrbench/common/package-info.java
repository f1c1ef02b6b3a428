/**
 * Cross-cutting pieces every layer may use: the bad-input exception (exit code 2), atomic file writes,
 * content hashes, provenance records and version information. Imports nothing else of cxrbench.
 */
package org.cxrbench.common;

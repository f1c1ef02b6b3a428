/** Statistics: percentiles with stated definitions (tests, corrections and bootstrap helpers live here too). */
package org.cxrbench.stats;

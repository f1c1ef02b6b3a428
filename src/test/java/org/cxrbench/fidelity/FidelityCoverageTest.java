package org.cxrbench.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Fast coverage check of the fidelity 95% intervals on small cases (the full grid is the slow
 * {@code FidelityCoverageSimulation}): 200 simulated runs, coverage within the binomial band 95% +- 3 sd
 * (sd = sqrt(0.95 * 0.05 / 200) = 1.5%), i.e. [90.4%, 99.6%]. The previous basic-bootstrap interval covered
 * E[FID_N] in well under half of such runs, so this fails on a biased or mis-scaled interval.
 */
class FidelityCoverageTest {
    static final double LOW = 0.95 - 3 * Math.sqrt(0.95 * 0.05 / 200);
    static final double HIGH = 0.95 + 3 * Math.sqrt(0.95 * 0.05 / 200);

    @Test
    void fidIntervalCoversExpectedFidAtN() {
        CoverageSimulation.Cell c = CoverageSimulation.cell("fid", 80, 8, 200, 20, 11, 2);
        assertThat(c.coverage()).as(c.row()).isBetween(LOW, HIGH);
    }

    @Test
    void kidIntervalCoversPopulationMmd() {
        CoverageSimulation.Cell c = CoverageSimulation.cell("kid", 60, 8, 200, 20, 12, 2);
        assertThat(c.coverage()).as(c.row()).isBetween(LOW, HIGH);
    }

    /** All four PRDC intervals, both sides of the band (the slow grid in metrics/prdc.md). */
    @Test
    void prdcIntervalsCoverTheirExpectationAtN() {
        for (CoverageSimulation.Cell c : CoverageSimulation.cells("prdc", 150, 8, 200, 20, 13, 2)) {
            assertThat(c.coverage()).as(c.row()).isBetween(LOW, HIGH);
        }
    }

    @Test
    void fidInfIntervalCoversTheInfiniteSyntheticLimit() {
        CoverageSimulation.Cell c = CoverageSimulation.cell("fid_inf", 400, 4, 200, 20, 14, 2);
        assertThat(c.coverage()).as(c.row()).isBetween(LOW, HIGH);
    }

    @Test
    void intervalsContainTheirEstimate() {
        for (String m : new String[] {"fid", "kid", "prdc", "fid_inf"}) {
            for (double[] r : CoverageSimulation.runAll(m, 50, 6, 20, 5)) {
                assertThat(r[1]).as(m).isLessThanOrEqualTo(r[0]);
                assertThat(r[2]).as(m).isGreaterThanOrEqualTo(r[0]);
                assertThat(r[3]).as(m + " se").isPositive();
            }
        }
    }
}

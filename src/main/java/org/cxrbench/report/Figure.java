package org.cxrbench.report;

/** A rendered chart: its title, a caption saying what is drawn, and the image as a self-contained data URL. */
public record Figure(String title, String caption, String dataUrl) {}

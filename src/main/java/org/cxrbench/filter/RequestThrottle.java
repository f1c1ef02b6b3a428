package org.cxrbench.filter;

/**
 * One throttle shared by all of a judge's workers: at most {@code maxRps} request starts per second (evenly spaced
 * slots; 0 for no limit) and a common pause after a server's {@code Retry-After}, so one worker's 429 holds every
 * worker back instead of each finding the limit on its own.
 */
final class RequestThrottle {
    private final long intervalNanos;
    private long nextSlot = Long.MIN_VALUE;
    private long pausedUntil = Long.MIN_VALUE;

    RequestThrottle(double maxRps) {
        this.intervalNanos = maxRps > 0 ? (long) Math.ceil(1e9 / maxRps) : 0;
    }

    /** Waits for this request's slot (after any common pause). */
    void acquire() throws InterruptedException {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, pausedUntil);
            if (intervalNanos > 0) {
                slot = nextSlot == Long.MIN_VALUE ? slot : Math.max(slot, nextSlot);
                nextSlot = slot + intervalNanos;
            }
        }
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** No worker starts a request in the next {@code millis} ms (a server's Retry-After). */
    synchronized void pause(long millis) {
        pausedUntil = Math.max(pausedUntil, System.nanoTime() + millis * 1_000_000);
    }

    /** Backoff before retry {@code attempt} (1, 2, ...): half the doubled base delay (at most 30 s) plus jitter in [0, half). */
    static long backoff(int attempt, long base, double uniform) {
        long full = Math.min(30_000L, base << Math.min(20, attempt - 1));
        return full / 2 + (long) (uniform * (full - full / 2));
    }

    /** A Retry-After header in ms (delta-seconds or an HTTP date), 0 when absent or unreadable, at most the cap. */
    static long retryAfterMillis(java.net.http.HttpResponse<?> resp, long cap) {
        String v = resp.headers().firstValue("Retry-After").orElse("").strip();
        if (v.isEmpty()) {
            return 0;
        }
        long ms;
        try {
            ms = (long) (Double.parseDouble(v) * 1000);
        } catch (NumberFormatException e) {
            try {
                ms = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                        .toEpochMilli() - System.currentTimeMillis();
            } catch (java.time.format.DateTimeParseException e2) {
                return 0;
            }
        }
        return Math.max(0, Math.min(cap, ms));
    }

}

package org.cxrbench.encode;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns PyTorch's NNPACK convolution back end off, as {@code torch.backends.nnpack.set_flags(False)} does in Python
 * ({@code at::globalContext().setUserEnabledNNPACK(false)}; DJL has no call for it, so it is reached through JNA, a
 * DJL dependency). Two reasons: on CPUs NNPACK does not support, libtorch 2.x logs "Could not initialize NNPACK!
 * Reason: Unsupported hardware." on every convolution (four lines per image with the built-in CNN, thousands per
 * run); and on CPUs it supports, whether a convolution takes NNPACK depends on the hardware, so features would too.
 * With the switch off every CPU takes the same convolution path. Linux only (the library is found through
 * /proc/self/maps). Where the switch cannot be reached (another OS, another libtorch build without these symbols)
 * nothing changes, and that is said: one warning on the run's stderr, and {@link #fingerprintNote()} is added to
 * the fingerprint of every PyTorch encoder, so it appears in the provenance and keeps such features apart in the
 * cache.
 */
public final class TorchNnpack {
    private TorchNnpack() {}

    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String IS_ENABLED = "_ZNK2at7Context17userEnabledNNPACKEv";

    private static boolean done;
    /** Why NNPACK could not be switched off, or null when it was. */
    private static String problem;

    /**
     * Loads the PyTorch engine (if not yet loaded) and switches NNPACK off; idempotent. If it cannot, says so
     * once on the current run's stderr.
     */
    public static synchronized void disable() {
        if (done) {
            return;
        }
        done = true;
        ai.djl.engine.Engine.getEngine("PyTorch");
        problem = switchOff(torchCpu(), GLOBAL_CONTEXT, SET_ENABLED);
        if (problem != null) {
            org.cxrbench.common.Progress.out().println("warning: " + warning(problem));
        }
    }

    /** The stderr line for a switch that could not be reached. */
    static String warning(String why) {
        return "PyTorch's NNPACK could not be switched off (" + why + "): on CPUs that support it, convolutions may "
                + "take NNPACK, so CNN features can differ between machines (recorded in the encoder's fingerprint)";
    }

    /**
     * Switches NNPACK off in {@code lib} through the two symbols; returns null on success, else why not.
     */
    static String switchOff(NativeLibrary lib, String globalContext, String setEnabled) {
        if (lib == null) {
            return "libtorch_cpu not found through /proc/self/maps";
        }
        try {
            Pointer ctx = lib.getFunction(globalContext).invokePointer(new Object[0]);
            lib.getFunction(setEnabled).invokeVoid(new Object[] {ctx, Boolean.FALSE});
            return null;
        } catch (UnsatisfiedLinkError e) {
            return "this libtorch build has no symbol " + e.getMessage().replaceAll("\\s+", " ").trim();
        }
    }

    /**
     * For encoder fingerprints: empty when NNPACK is off (the normal case, so fingerprints and cache keys stay as
     * they were), else {@code ;nnpack=unswitched} with the reason.
     */
    public static synchronized String fingerprintNote() {
        disable();
        return problem == null ? "" : ";nnpack=unswitched(" + problem + ")";
    }

    /** Whether NNPACK was switched off (false: it could not be; see {@link #fingerprintNote()}). */
    public static synchronized boolean switchedOff() {
        disable();
        return problem == null;
    }

    /** Whether PyTorch would consider NNPACK for a convolution (null when it cannot be read). */
    public static synchronized Boolean enabled() {
        ai.djl.engine.Engine.getEngine("PyTorch");
        NativeLibrary lib = torchCpu();
        if (lib == null) {
            return null;
        }
        try {
            Pointer ctx = lib.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            Function f = lib.getFunction(IS_ENABLED);
            return (f.invokeInt(new Object[] {ctx}) & 0xff) != 0; // a C++ bool comes back in the low byte
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    /** The libtorch_cpu the PyTorch engine loaded, opened again by path (same handle), or null. */
    static NativeLibrary torchCpu() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return null;
        }
        try (var lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(p -> p.endsWith("/libtorch_cpu.so"))
                    .findFirst().map(NativeLibrary::getInstance).orElse(null);
        } catch (IOException | UnsatisfiedLinkError e) {
            return null;
        }
    }
}

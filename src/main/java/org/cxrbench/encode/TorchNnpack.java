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
 * /proc/self/maps); elsewhere, or if the symbols are missing, nothing changes.
 */
public final class TorchNnpack {
    private TorchNnpack() {}

    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String IS_ENABLED = "_ZNK2at7Context17userEnabledNNPACKEv";

    private static boolean done;

    /** Loads the PyTorch engine (if not yet loaded) and switches NNPACK off; idempotent. */
    public static synchronized void disable() {
        if (done) {
            return;
        }
        done = true;
        ai.djl.engine.Engine.getEngine("PyTorch");
        NativeLibrary lib = torchCpu();
        if (lib == null) {
            return;
        }
        try {
            Pointer ctx = lib.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            lib.getFunction(SET_ENABLED).invokeVoid(new Object[] {ctx, Boolean.FALSE});
        } catch (UnsatisfiedLinkError e) {
            // another libtorch build: leave its defaults
        }
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
    private static NativeLibrary torchCpu() {
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

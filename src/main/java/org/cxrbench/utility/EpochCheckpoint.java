package org.cxrbench.utility;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cxrbench.common.AtomicFiles;

/**
 * One training's last finished epoch in a file: a magic line, the run's key (a hash of the inputs and settings),
 * the epoch and the trainer's state ({@link org.cxrbench.encode.NetTrainer#state()}). Written atomically after each
 * epoch, so a killed run leaves the previous epoch's whole file; a file with another key, or unreadable, is ignored
 * (the training starts from epoch 1).
 */
public record EpochCheckpoint(Path file, String key) {
    private static final String MAGIC = "cxrbench-epoch-checkpoint-1";

    public record Saved(int epoch, byte[] state) {}

    public Saved read() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF()) || !key.equals(in.readUTF())) {
                return null;
            }
            int epoch = in.readInt();
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            return new Saved(epoch, state);
        } catch (IOException e) {
            return null;
        }
    }

    public void write(int epoch, byte[] state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeUTF(key);
            out.writeInt(epoch);
            out.writeInt(state.length);
            out.write(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.write(file, os -> os.write(bytes.toByteArray()));
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.cxrbench.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.cxrbench.linalg.Moments;

/**
 * Kryo for task results and shuffled partial lists (spark.serializer): explicit serializers for the engine's
 * records (Kryo 4 cannot build Java records field by field), Java serialisation for the
 * core's moments pieces and the (small) block descriptors.
 */
public final class KryoSetup implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(Neighbours.class, new NeighboursSerializer());
        kryo.register(Moments.Piece.class, new JavaSerializer());
        kryo.register(SetRef.class, new JavaSerializer());
        kryo.register(SetRef.Block.class, new JavaSerializer());
        kryo.register(int[].class);
        kryo.register(double[].class);
    }

    static final class NeighboursSerializer extends Serializer<Neighbours> {
        @Override
        public void write(Kryo kryo, Output out, Neighbours n) {
            out.writeInt(n.k());
            out.writeInt(n.indices().length);
            out.writeInts(n.indices());
            out.writeDoubles(n.distances());
        }

        @Override
        public Neighbours read(Kryo kryo, Input in, Class<Neighbours> type) {
            int k = in.readInt();
            int len = in.readInt();
            return new Neighbours(k, in.readInts(len), in.readDoubles(len));
        }
    }
}

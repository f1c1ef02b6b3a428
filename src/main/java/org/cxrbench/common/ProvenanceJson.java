package org.cxrbench.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * The Jackson binding of a {@link Provenance} inside a typed results record: written as {@link Provenance#written()}
 * (its maps in key order, as {@link Json} writes every map), read by
 * {@link Provenance#fromJson}. Put on a record component with {@code @JsonSerialize(using = ProvenanceJson.Writer.class)}
 * and {@code @JsonDeserialize(using = ProvenanceJson.Reader.class)}.
 */
public final class ProvenanceJson {
    private ProvenanceJson() {}

    /** Writes a provenance as the contract's {@code provenance} object. */
    public static final class Writer extends StdSerializer<Provenance> {
        public Writer() {
            super(Provenance.class);
        }

        @Override
        public void serialize(Provenance p, JsonGenerator g, SerializerProvider s) throws IOException {
            g.writeObject(p.written());
        }
    }

    /** Reads the {@code provenance} object back. */
    public static final class Reader extends StdDeserializer<Provenance> {
        public Reader() {
            super(Provenance.class);
        }

        @Override
        public Provenance deserialize(JsonParser p, DeserializationContext c) throws IOException {
            return Provenance.fromJson(p.readValueAsTree());
        }
    }
}

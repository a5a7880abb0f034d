package org.diplomacytracker.core.store;

import java.util.Objects;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.diplomacytracker.events.Development;
import org.diplomacytracker.events.DevelopmentJson;
import org.diplomacytracker.events.DevelopmentType;

/**
 * Axon's Jackson serializer for developments, with the events module's strict mapper, persisting
 * each development under its stable wire name ({@code EnvoyAppointed}) and revision rather than
 * the Java class name, so that moving or renaming a record is not a data migration.
 */
public final class DevelopmentSerializer extends JacksonSerializer {

    private static final byte[] EMPTY_OBJECT = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final SerializedType metaDataType;

    private DevelopmentSerializer(Builder builder) {
        super(builder);
        this.metaDataType = typeForClass(MetaData.class);
    }

    public static DevelopmentSerializer create() {
        Builder builder = JacksonSerializer.builder()
                .objectMapper(DevelopmentJson.mapper().copy()) // Axon registers modules on it
                .revisionResolver(new WireRevisions());
        return new DevelopmentSerializer(builder);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return DevelopmentType.byClass(type)
                .<SerializedType>map(t -> new SimpleSerializedType(t.wireName(), t.revision()))
                .orElseGet(() -> super.typeForClass(type));
    }

    /**
     * A development the recorder just fingerprinted is stored as the canonical JSON written then (the
     * same bytes this serializer writes, see {@link PayloadBytes}); anything else is serialised as usual.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (expectedRepresentation == byte[].class && object instanceof Development) {
            byte[] json = PayloadBytes.take(object);
            if (json != null) {
                return new SimpleSerializedObject<>((T) json, expectedRepresentation, typeForClass(object.getClass()));
            }
        }
        if (expectedRepresentation == byte[].class && object instanceof MetaData metaData && metaData.isEmpty()) {
            // every event's (no correlation data is kept): the same bytes each time, without a generator
            return new SimpleSerializedObject<>((T) EMPTY_OBJECT.clone(), expectedRepresentation, metaDataType);
        }
        return super.serialize(object, expectedRepresentation);
    }

    /**
     * A stored development of the current revision is read by the events module's one-pass reader
     * ({@link DevelopmentJson#readValid}) rather than by Jackson's data binding, which took most of
     * the time of reading the store back (at start-up, and when a process is snapshotted). Anything
     * else — another revision, upcast data, bytes the reader does not accept — goes through Jackson
     * as before.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (serializedObject.getContentType() == byte[].class) {
            SerializedType type = serializedObject.getType();
            if (type.equals(metaDataType) && java.util.Arrays.equals((byte[]) serializedObject.getData(), EMPTY_OBJECT)) {
                return (T) MetaData.emptyInstance(); // nearly every event's: asked for each one the read models apply
            }
            DevelopmentType development = DevelopmentType.byWireName(type.getName()).orElse(null);
            if (development != null && Objects.equals(development.revision(), type.getRevision())) {
                Development read = DevelopmentJson.readValid((byte[]) serializedObject.getData());
                if (development.javaType().isInstance(read)) {
                    return (T) read;
                }
            }
        }
        return super.deserialize(serializedObject);
    }

    /** A development's class straight from its wire name, without a class lookup by name per event. */
    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        DevelopmentType development = DevelopmentType.byWireName(type.getName()).orElse(null);
        return development != null ? development.javaType() : super.classForType(type);
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return DevelopmentType.byWireName(serializedType.getName())
                .map(t -> t.javaType().getName())
                .orElseGet(() -> super.resolveClassName(serializedType));
    }

    /** Developments carry their catalogue's revision; anything else has none. */
    private static final class WireRevisions implements RevisionResolver {
        @Override
        public String revisionOf(Class<?> payloadType) {
            return DevelopmentType.byClass(payloadType).map(DevelopmentType::revision).orElse(null);
        }
    }
}

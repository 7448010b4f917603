package dev.omniarchitect.local.asl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The S3 a Distributed Map reads its items from (ItemReader) and writes its results to (ResultWriter): a bucket
 * and a key name an object, read and written as streams so a Map of many items is never one buffer.
 */
public interface ObjectStore {

    /** The object's content; {@link java.nio.file.NoSuchFileException} when there is no such object. */
    InputStream read(String bucket, String key) throws IOException;

    /** A new object (or a replacement), written once the stream is closed. */
    OutputStream write(String bucket, String key) throws IOException;

    /** The store of an executor that has none: every use fails, saying so. */
    ObjectStore NONE = new ObjectStore() {
        @Override
        public InputStream read(String bucket, String key) throws IOException {
            throw new IOException("this executor has no object store for S3");
        }

        @Override
        public OutputStream write(String bucket, String key) throws IOException {
            throw new IOException("this executor has no object store for S3");
        }
    };
}

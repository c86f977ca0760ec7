package org.clipdg.embed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * One image's floats on their way through the pipeline: preprocessed pixels (CHW) before
 * inference, the embedding after. {@code shard} says which output shard the image belongs to.
 */
record ImageTensor(int shard, String key, float[] values) {

    static final class Coder extends CustomCoder<ImageTensor> {
        @Override
        public void encode(ImageTensor tensor, OutputStream stream) throws IOException {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(tensor.shard());
            out.writeUTF(tensor.key());
            out.writeInt(tensor.values().length);
            ByteBuffer bytes = ByteBuffer.allocate(4 * tensor.values().length);
            bytes.asFloatBuffer().put(tensor.values());
            out.write(bytes.array());
            out.flush();
        }

        @Override
        public ImageTensor decode(InputStream stream) throws IOException {
            DataInputStream in = new DataInputStream(stream);
            int shard = in.readInt();
            String key = in.readUTF();
            byte[] bytes = new byte[4 * in.readInt()];
            in.readFully(bytes);
            float[] values = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
            return new ImageTensor(shard, key, values);
        }
    }
}

package org.clipdg.embed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/** One sample's image file as read from its shard ({@code shard} = index in the dataset's manifest). */
record EncodedImage(int shard, String key, byte[] bytes) {

    static final class Coder extends CustomCoder<EncodedImage> {
        @Override
        public void encode(EncodedImage image, OutputStream stream) throws java.io.IOException {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(image.shard());
            out.writeUTF(image.key());
            out.writeInt(image.bytes().length);
            out.write(image.bytes());
            out.flush();
        }

        @Override
        public EncodedImage decode(InputStream stream) throws java.io.IOException {
            DataInputStream in = new DataInputStream(stream);
            int shard = in.readInt();
            String key = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return new EncodedImage(shard, key, bytes);
        }
    }
}

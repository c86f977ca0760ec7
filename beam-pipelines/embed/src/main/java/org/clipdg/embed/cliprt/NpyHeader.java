package org.clipdg.embed.cliprt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a 2-D .npy file ({@code [rows, columns]}, C order): the magic string, the format
 * version, and a Python dict literal giving dtype, order and shape. Reads versions 1.0, 2.0 and
 * 3.0; writes 1.0 exactly as {@code numpy.save} does.
 */
record NpyHeader(NpyDtype dtype, long rows, int columns, long dataOffset) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN_ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    long dataBytes() {
        return Math.multiplyExact(Math.multiplyExact(rows, columns), (long) dtype.bytes);
    }

    static NpyHeader read(Path file, FileChannel channel) throws IOException {
        ByteBuffer prelude = readFully(file, channel, 0, MAGIC.length + 2, "the magic string and version");
        byte[] magic = new byte[MAGIC.length];
        prelude.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(file + ": not a .npy file (bad magic, expected \\x93NUMPY)");
        }
        int major = prelude.get();
        int minor = prelude.get();
        if (major < 1 || major > 3 || minor != 0) {
            throw new IOException(file + ": unsupported .npy format version " + major + "." + minor
                    + " (1.0, 2.0 and 3.0 are read)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer lengthField = readFully(file, channel, prelude.capacity(), lengthBytes, "the header length");
        long length = major == 1 ? Short.toUnsignedInt(lengthField.getShort()) : Integer.toUnsignedLong(lengthField.getInt());
        long start = prelude.capacity() + lengthBytes;
        if (length > Math.min(channel.size() - start, Integer.MAX_VALUE)) {
            throw new IOException(file + ": truncated header: expected " + length + " bytes, found " + (channel.size() - start));
        }
        ByteBuffer text = readFully(file, channel, start, (int) length, "the header");
        String dict = new String(text.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parse(file, dict, start + length);
    }

    private static NpyHeader parse(Path file, String dict, long dataOffset) throws IOException {
        String descr = find(file, dict, DESCR, "'descr' (a plain dtype string)");
        NpyDtype dtype = NpyDtype.of(descr).orElseThrow(() -> new IOException(
                file + ": unsupported dtype '" + descr + "' (supported: '<f4' float32, '<f2' float16)"));
        if (find(file, dict, FORTRAN_ORDER, "'fortran_order'").equals("True")) {
            throw new IOException(file + ": array is in Fortran order; save it in C order (numpy.ascontiguousarray)");
        }
        String shape = find(file, dict, SHAPE, "'shape'");
        String[] dims = Arrays.stream(shape.split(",")).map(String::trim).filter(dim -> !dim.isEmpty()).toArray(String[]::new);
        if (dims.length != 2) {
            throw new IOException(file + ": array has shape (" + shape + "), " + dims.length
                    + "-D; expected a 2-D array [rows, dim]");
        }
        long rows;
        int columns;
        try {
            rows = Long.parseLong(dims[0]);
            columns = Integer.parseInt(dims[1]);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": unreadable shape in header: " + dict.trim(), e);
        }
        if (rows < 0 || columns < 1) {
            throw new IOException(file + ": array has shape (" + shape + "); expected rows of at least one value");
        }
        return new NpyHeader(dtype, rows, columns, dataOffset);
    }

    private static String find(Path file, String dict, Pattern pattern, String what) throws IOException {
        Matcher matcher = pattern.matcher(dict);
        if (!matcher.find()) {
            throw new IOException(file + ": .npy header lacks " + what + ": " + dict.trim());
        }
        return matcher.group(1);
    }

    private static ByteBuffer readFully(Path file, FileChannel channel, long position, int length, String what)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException(file + ": truncated, ends inside " + what + " (" + channel.size() + " bytes)");
            }
        }
        return buffer.flip();
    }

    /** The version 1.0 header of a little-endian float32 array, padded so the data starts on a 64-byte boundary. */
    static byte[] float32(long rows, int columns) {
        String dict = "{'descr': '" + NpyDtype.FLOAT32.descr + "', 'fortran_order': False, 'shape': ("
                + rows + ", " + columns + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat(Math.floorMod(-unpadded, ALIGNMENT)) + "\n";
        ByteBuffer bytes = ByteBuffer.allocate(MAGIC.length + 2 + 2 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        return bytes.put(header.getBytes(StandardCharsets.ISO_8859_1)).array();
    }
}

package org.clipdg.similarity;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.clipdg.core.embedding.VectorBlock;

/** Compares a block of base vectors with one test set: inner products in row slices that fit one reused buffer. */
final class BlockComparison {
    private final SimilarityKernel kernel;
    private final int productFloats;
    private FloatBuffer products;

    BlockComparison(SimilarityKernel kernel, int productFloats) {
        this.kernel = kernel;
        this.productFloats = productFloats;
    }

    void compare(VectorBlock block, TestSetScan scan, TestSetScan.RowMatches out, CandidateCap cap, int capRow) {
        int columns = scan.tests().rows();
        int dimension = block.dimension();
        int sliceRows = Math.max(1, Math.min(block.rows(), productFloats / Math.max(1, columns)));
        FloatBuffer buffer = productBuffer(Math.max(1, sliceRows * columns));
        for (int first = 0; first < block.rows(); first += sliceRows) {
            int rows = Math.min(sliceRows, block.rows() - first);
            FloatBuffer slice = block.vectors().slice(first * dimension, rows * dimension);
            kernel.innerProducts(slice, rows, scan.tests().vectors(), columns, dimension, buffer);
            scan.scan(kernel, buffer, block, first, rows, out, cap, capRow);
        }
    }

    private FloatBuffer productBuffer(int floats) {
        if (products == null || products.capacity() < floats) {
            products = ByteBuffer.allocateDirect(Math.multiplyExact(floats, 4)).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        return products;
    }
}

// Additions to the FAISS headers for the JavaCPP preset (FaissPreset): a namespace-level
// idx_t the parser can resolve, and a few functions FAISS itself does not offer.
#pragma once

#include <omp.h>
#include <xmmintrin.h>

#include <cmath>

#include <faiss/Index.h>

extern "C" void openblas_set_num_threads(int num_threads);

// Fortran BLAS single-precision matrix product, as FAISS's own exact search calls it.
extern "C" int sgemm_(const char* transa, const char* transb, int* m, int* n, int* k, const float* alpha,
                      const float* a, int* lda, const float* b, int* ldb, float* beta, float* c, int* ldc);

namespace faiss {
// Derived classes use Index::idx_t unqualified; JavaCPP's parser does not look it up
// through the base class, so give it a name in the namespace.
using idx_t = Index::idx_t;
}

namespace clipdg_faiss {

// index_factory and read_index return raw pointers the caller owns.
inline void delete_index(faiss::Index* index) {
    delete index;
}

// OpenMP keeps its thread count per calling thread; OpenBLAS (Debian's pthread build)
// has its own pool used by exact search and k-means.
inline void set_threads(int threads) {
    omp_set_num_threads(threads);
    openblas_set_num_threads(threads);
}

inline int max_threads() {
    return omp_get_max_threads();
}

// out[i * ny + j] = <x_i, y_j> for row-major x (nx by d) and y (ny by d): one sgemm, the call
// IndexFlatIP's exact search makes per block.
inline void inner_products(const float* x, int nx, const float* y, int ny, int d, float* out) {
    float one = 1, zero = 0;
    sgemm_("Transposed", "Not transposed", &ny, &nx, &d, &one, y, &d, x, &d, &zero, out, &ny);
}

// One pass over a row-major rows x cols matrix: per row its maximum and the first column holding it
// (-1 without columns), and the positions r * cols + c of every value >= gates[c], row by row, of
// which the first `capacity` are stored in `hits`. Returns how many there are. The maxima use SSE
// (baseline x86-64) with two accumulators per quantity; max is exact, so their order is irrelevant.
inline long scan_rows(const float* matrix, int rows, int cols, const float* gates, float* best, int* first_best,
                      int* hits, long capacity) {
    long count = 0;
    for (int r = 0; r < rows; r++) {
        const float* row = matrix + (size_t) r * cols;
        __m128 best_a = _mm_set1_ps(-INFINITY), best_b = best_a, excess_a = best_a, excess_b = best_a;
        int c = 0;
        for (; c + 8 <= cols; c += 8) {
            __m128 v0 = _mm_loadu_ps(row + c), v1 = _mm_loadu_ps(row + c + 4);
            best_a = _mm_max_ps(v0, best_a);
            best_b = _mm_max_ps(v1, best_b);
            excess_a = _mm_max_ps(_mm_sub_ps(v0, _mm_loadu_ps(gates + c)), excess_a);
            excess_b = _mm_max_ps(_mm_sub_ps(v1, _mm_loadu_ps(gates + c + 4)), excess_b);
        }
        float lanes_best[4], lanes_excess[4];
        _mm_storeu_ps(lanes_best, _mm_max_ps(best_a, best_b));
        _mm_storeu_ps(lanes_excess, _mm_max_ps(excess_a, excess_b));
        float b = lanes_best[0], e = lanes_excess[0];
        for (int i = 1; i < 4; i++) {
            b = lanes_best[i] > b ? lanes_best[i] : b;
            e = lanes_excess[i] > e ? lanes_excess[i] : e;
        }
        for (; c < cols; c++) {
            b = row[c] > b ? row[c] : b;
            float d = row[c] - gates[c];
            e = d > e ? d : e;
        }
        int at = -1;
        __m128 target = _mm_set1_ps(b);
        int i = 0;
        for (; i + 4 <= cols && at < 0; i += 4) {
            int mask = _mm_movemask_ps(_mm_cmpeq_ps(_mm_loadu_ps(row + i), target));
            if (mask != 0) {
                at = i + __builtin_ctz(mask);
            }
        }
        for (; i < cols && at < 0; i++) {
            if (row[i] == b) {
                at = i;
            }
        }
        best[r] = b;
        first_best[r] = at;
        if (e >= 0) {  // value - gate >= 0 exactly when value >= gate: float subtraction keeps the sign
            for (int j = 0; j < cols; j++) {
                if (row[j] >= gates[j]) {
                    if (count < capacity) {
                        hits[count] = r * cols + j;
                    }
                    count++;
                }
            }
        }
    }
    return count;
}

}  // namespace clipdg_faiss

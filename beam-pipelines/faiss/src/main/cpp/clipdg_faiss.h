// Additions to the FAISS headers for the JavaCPP preset (FaissPreset): a namespace-level
// idx_t the parser can resolve, and a few functions FAISS itself does not offer.
#pragma once

#include <omp.h>

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

}  // namespace clipdg_faiss

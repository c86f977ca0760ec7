// Additions to the FAISS headers for the JavaCPP preset (FaissPreset): a namespace-level
// idx_t the parser can resolve, and a few functions FAISS itself does not offer.
#pragma once

#include <omp.h>

#include <faiss/Index.h>

extern "C" void openblas_set_num_threads(int num_threads);

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

}  // namespace clipdg_faiss

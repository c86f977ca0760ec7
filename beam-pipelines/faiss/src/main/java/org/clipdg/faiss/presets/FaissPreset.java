package org.clipdg.faiss.presets;

import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;
import org.bytedeco.javacpp.tools.Info;
import org.bytedeco.javacpp.tools.InfoMap;
import org.bytedeco.javacpp.tools.InfoMapper;

/**
 * JavaCPP preset over Debian's libfaiss-dev (static libfaiss.a, FAISS 1.7.3).
 *
 * <p>The JavaCPP Maven plugin (goal parse) turns the headers below into Java classes in
 * {@code org.clipdg.faiss.jni} (target/generated-sources); JavaCPP's Builder, run through
 * src/build/java/SortedMethodsBuilder.java, then links one JNI library against
 * {@code -lfaiss -lopenblas -lgomp} (that order: each library resolves symbols of the ones
 * before it; FAISS itself is linked statically). Only the part of FAISS the project uses is
 * exposed: flat indexes, index_factory, search and range search, ParameterSpace, index I/O
 * and k-means. Everything else is skipped to keep the parser and the native build small.
 */
@Properties(
        target = "org.clipdg.faiss.jni",
        global = "org.clipdg.faiss.jni.FaissLibrary",
        value = @Platform(
                value = "linux-x86_64",
                include = {
                    "faiss/MetricType.h",
                    "faiss/Index.h",
                    "clipdg_faiss.h",
                    "faiss/impl/AuxIndexStructures.h",
                    "faiss/IndexFlatCodes.h",
                    "faiss/IndexFlat.h",
                    "faiss/index_factory.h",
                    "faiss/AutoTune.h",
                    "faiss/index_io.h",
                    "faiss/Clustering.h"
                },
                // JavaCPP emits these in reverse: the linker sees -lfaiss -lopenblas -lgomp.
                link = {"gomp", "openblas", "faiss"},
                library = "jniclipdgfaiss"))
public class FaissPreset implements InfoMapper {

    @Override
    public void map(InfoMap infoMap) {
        infoMap.put(new Info("FAISS_API").cppTypes().annotations())
                // "Index" would clash with JavaCPP's @Index annotation in generated code.
                .put(new Info("faiss::Index").pointerTypes("NativeIndex"))
                // Abstract in C++ (no search()): no constructors for Java.
                .put(new Info("faiss::IndexFlatCodes").purify())
                // Clustering adds a vtable to the non-polymorphic ClusteringParameters, so the base
                // sits at offset 8 and the base's JNI setters, given the derived address, would
                // overwrite the vtable. Cut the Java inheritance: set parameters on a separate
                // ClusteringParameters and pass it to the constructor.
                .put(new Info("faiss::Clustering").base("Pointer"))
                .put(new Info("std::vector<float>").pointerTypes("FloatVector").define())
                .put(new Info("std::vector<uint8_t>").pointerTypes("ByteVector").define())
                .put(new Info("openblas_set_num_threads", "sgemm_").skip())
                .put(new Info(
                                // Parts of the headers the project does not use.
                                "faiss::SearchParameters",
                                "faiss::IDSelector",
                                "faiss::DistanceComputer",
                                "faiss::FlatCodesDistanceComputer",
                                "faiss::Index::remove_ids",
                                "faiss::Index::get_distance_computer",
                                "faiss::IndexFlatCodes::remove_ids",
                                "faiss::IndexFlatCodes::get_distance_computer",
                                "faiss::IndexFlatCodes::get_FlatCodesDistanceComputer",
                                "faiss::IndexFlat::get_FlatCodesDistanceComputer",
                                "faiss::IndexFlat1D",
                                "faiss::BufferList",
                                "faiss::RangeQueryResult",
                                "faiss::RangeSearchPartialResult",
                                "faiss::InterruptCallback",
                                "faiss::VisitedTable",
                                "faiss::AutoTuneCriterion",
                                "faiss::OneRecallAtRCriterion",
                                "faiss::IntersectionCriterion",
                                "faiss::OperatingPoint",
                                "faiss::OperatingPoints",
                                "faiss::ParameterRange",
                                "faiss::ParameterSpace::parameter_ranges",
                                "faiss::ParameterSpace::add_range",
                                "faiss::ParameterSpace::update_bounds",
                                "faiss::ParameterSpace::explore",
                                "faiss::ClusteringIterationStats",
                                "faiss::Clustering::iteration_stats",
                                "faiss::ProgressiveDimClusteringParameters",
                                "faiss::ProgressiveDimIndexFactory",
                                "faiss::ProgressiveDimClustering",
                                "faiss::IndexBinary",
                                "faiss::index_binary_factory",
                                "faiss::write_index_binary",
                                "faiss::read_index_binary",
                                "faiss::VectorTransform",
                                "faiss::write_VectorTransform",
                                "faiss::read_VectorTransform",
                                "faiss::ProductQuantizer",
                                "faiss::read_ProductQuantizer",
                                "faiss::write_ProductQuantizer",
                                "faiss::InvertedLists",
                                "faiss::write_InvertedLists",
                                "faiss::read_InvertedLists",
                                "faiss::IOReader",
                                "faiss::IOWriter")
                        .skip());
    }
}

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.tools.Builder;

/**
 * Runs JavaCPP's Builder so that the JNI library comes out byte for byte the same in every
 * build, whatever the checkout path or the build's history (clipdg.jar's sha256 is the code's
 * identity, and the library is inside it).
 *
 * <p>The Builder writes one C++ function per Java method in the order
 * Class.getDeclaredMethods() lists them. HotSpot orders methods by the memory addresses of
 * their names, which vary from JVM to JVM, so the C++ file, and the compiled library, did too.
 * This sorts the array that getDeclaredMethods() copies from (the JDK's per-class reflection
 * cache), then hands over to the Builder, which sees the same Class objects: its class loader
 * asks the application class loader first. Needs --add-opens java.base/java.lang=ALL-UNNAMED.
 *
 * <p>Arguments: the classes folder, the package whose classes the Builder compiles, then the
 * Builder's own arguments. Run as a single-file program, at build time only.
 */
public final class SortedMethodsBuilder {

    /** Keeps the reflection caches strongly reachable: they sit behind soft references. */
    private static final List<Object> SORTED_CACHES = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        String packageName = args[1];
        for (String className : classNames(classes, packageName)) {
            sortDeclaredMethods(Class.forName(className, false, ClassLoader.getSystemClassLoader()));
        }
        Builder.main(Arrays.copyOfRange(args, 2, args.length));
    }

    private static List<String> classNames(Path classes, String packageName) throws IOException {
        try (Stream<Path> files = Files.list(classes.resolve(packageName.replace('.', '/')))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class"))
                    .map(name -> packageName + "." + name.substring(0, name.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
    }

    private static void sortDeclaredMethods(Class<?> type) throws ReflectiveOperationException {
        type.getDeclaredMethods(); // fills the cache
        Method reflectionData = Class.class.getDeclaredMethod("reflectionData");
        reflectionData.setAccessible(true);
        Object cache = reflectionData.invoke(type);
        Field declaredMethods = cache.getClass().getDeclaredField("declaredMethods");
        declaredMethods.setAccessible(true);
        Method[] methods = (Method[]) declaredMethods.get(cache);
        Arrays.sort(methods, Comparator.comparing(Method::toString));
        SORTED_CACHES.add(cache);
        if (!Arrays.equals(methods, type.getDeclaredMethods())) {
            throw new IllegalStateException("reflection cache of " + type + " was not used");
        }
    }
}

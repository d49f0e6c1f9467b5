package nl.kic.analytics.app;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.StateStore;

/**
 * Counts what the processors ask of their stores: each read, write, delete and range or scan, and
 * each entry a range or scan returns, by store. {@code bench} runs the topology once more with a
 * counter in {@link RecordGuard} to show the per-event work of the design; the timed run has none,
 * as counting costs a call through a proxy per operation. Counted where the processors call, above
 * the record cache: a write the cache absorbs counts as one.
 */
public final class StoreOperations {
    /** The operations counted; any other call (name, isOpen, flush, …) is not work per event. */
    private static final Set<String> OPERATIONS = Set.of("get", "put", "putIfAbsent", "putAll", "delete", "range", "reverseRange",
            "all", "reverseAll", "prefixScan", "fetch", "backwardFetch", "fetchAll", "backwardFetchAll");
    /** The name under which the entries that ranges and scans return are counted, beside the operations. */
    public static final String ENTRIES_READ = "entries read by ranges and scans";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts by store and operation, as "store operation". */
    public SortedMap<String, Long> byStoreAndOperation() {
        SortedMap<String, Long> all = new TreeMap<>();
        counts.forEach((key, count) -> all.put(key, count.sum()));
        return all;
    }

    private void count(String store, String operation) {
        counts.computeIfAbsent(store + " " + operation, k -> new LongAdder()).increment();
    }

    /** The processor's context, whose stores count what is asked of them. */
    @SuppressWarnings("unchecked")
    <C> C counting(C context, Class<?> contextType) {
        return (C) Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] {contextType}, (proxy, method, args) -> {
            Object result = invoke(context, method, args);
            if (method.getName().equals("getStateStore") && result instanceof StateStore store) {
                return counted(store);
            }
            return result;
        });
    }

    @SuppressWarnings("unchecked")
    private Object counted(StateStore store) {
        String name = store.name();
        return proxy(store, (proxy, method, args) -> {
            Object result = invoke(store, method, args);
            if (OPERATIONS.contains(method.getName())) {
                count(name, method.getName());
                if (result instanceof Iterator<?> iterator) {
                    return proxy(iterator, (p, m, a) -> {
                        if (m.getName().equals("forEachRemaining")) {
                            // Iterator's own loop calls next() on the iterator itself, past this proxy.
                            while (iterator.hasNext()) {
                                count(name, ENTRIES_READ);
                                ((Consumer<Object>) a[0]).accept(iterator.next());
                            }
                            return null;
                        }
                        Object next = invoke(iterator, m, a);
                        if (m.getName().equals("next")) {
                            count(name, ENTRIES_READ);
                        }
                        return next;
                    });
                }
            }
            return result;
        });
    }

    /** A proxy with every interface of {@code target}, so that the processors' casts to their store types hold. */
    private static Object proxy(Object target, InvocationHandler handler) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            collect(type, interfaces);
        }
        return Proxy.newProxyInstance(target.getClass().getClassLoader(), interfaces.toArray(Class<?>[]::new), handler);
    }

    private static void collect(Class<?> type, Set<Class<?>> interfaces) {
        for (Class<?> implemented : type.getInterfaces()) {
            if (java.lang.reflect.Modifier.isPublic(implemented.getModifiers())) {
                interfaces.add(implemented);
            }
            collect(implemented, interfaces);
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

package io.plumbline.rules;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts plain Java/JSON values to the ones CEL's runtime accepts (int → long, float → double, time → string). */
public final class CelValues {

    private CelValues() {}

    @SuppressWarnings("unchecked")
    public static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof TemporalAccessor || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(map.size() * 2);
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put(String.valueOf(k), normalize(v));
                }
            });
            return out;
        }
        if (value instanceof Iterable<?> items) {
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                out.add(normalize(item));
            }
            return out;
        }
        return value.toString();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> normalizeMap(Map<String, ?> map) {
        return (Map<String, Object>) normalize(map);
    }
}

package io.plumbline.scanner.aws;

import io.plumbline.rules.CelValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/** Turns SDK model objects into plain maps keyed by the API's member names: the shape rules are written against. */
public final class AwsDocuments {

    private AwsDocuments() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(SdkPojo pojo) {
        return (Map<String, Object>) value(pojo);
    }

    public static List<Map<String, Object>> toMaps(List<? extends SdkPojo> pojos) {
        List<Map<String, Object>> out = new ArrayList<>(pojos.size());
        for (SdkPojo pojo : pojos) {
            out.add(toMap(pojo));
        }
        return out;
    }

    private static Object value(Object value) {
        if (value instanceof SdkPojo pojo) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object fieldValue = field.getValueOrDefault(pojo);
                if (fieldValue != null) {
                    out.put(field.memberName(), value(fieldValue));
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(value(item)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), value(v)));
            return out;
        }
        if (value instanceof SdkBytes) {
            return "(binary)";
        }
        return CelValues.normalize(value);
    }

    /** AWS's {@code [{Key, Value}]} tag lists as a map. */
    public static Map<String, String> tags(Object tagList) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (tagList instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> tag && tag.get("Key") != null) {
                    tags.put(String.valueOf(tag.get("Key")), tag.get("Value") == null ? "" : String.valueOf(tag.get("Value")));
                }
            }
        }
        return tags;
    }
}

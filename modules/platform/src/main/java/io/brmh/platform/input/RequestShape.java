package io.brmh.platform.input;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.brmh.platform.problem.Problem;
import io.brmh.platform.problem.ProblemException;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds a parsed request body to the Java type it will bind to, before any binding: Micronaut's
 * binder coerces freely ({@code 1.9} becomes {@code 1}, {@code [7]} becomes {@code 7}, {@code "1"}
 * becomes {@code 1}, {@code 123} becomes {@code "123"}) and ignores members it does not know. Here
 * a whole number must be a JSON integer that fits, a string a JSON string keeping {@link SafeText},
 * a boolean {@code true} or {@code false}, a list an array without nulls, a record an object with
 * known members only. Values typed {@link Object} (item images) are the caller's data and pass as
 * they are. Nulls are left to bean validation, which knows which fields are required.
 */
public final class RequestShape {
  /** More faults than this in one body are not worth listing. */
  static final int MAX_FAULTS = 20;

  private static final ClassValue<Map<String, RecordComponent>> MEMBERS =
      new ClassValue<>() {
        @Override
        protected Map<String, RecordComponent> computeValue(Class<?> record) {
          return membersOf(record);
        }
      };

  private final List<Problem.FieldError> faults = new ArrayList<>();

  private RequestShape() {}

  /**
   * @throws ProblemException 400 naming every field at fault (up to {@value #MAX_FAULTS})
   */
  public static void check(JsonNode body, Type type) {
    RequestShape shape = new RequestShape();
    shape.value(body, type, "", false);
    if (!shape.faults.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid.", shape.faults);
    }
  }

  private void value(JsonNode node, Type type, String path, boolean freeText) {
    if (faults.size() >= MAX_FAULTS || node.isNull() && !isPrimitive(type)) {
      return;
    }
    Class<?> raw = rawClass(type);
    if (raw == Object.class) {
      return;
    }
    if (node.isNull()) {
      fault(path, "must not be null");
    } else if (raw == String.class || raw == CharSequence.class) {
      text(node, path, freeText);
    } else if (raw == boolean.class || raw == Boolean.class) {
      expect(node.isBoolean(), path, "must be true or false");
    } else if (isWholeNumber(raw)) {
      wholeNumber(node, raw, path);
    } else if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
      expect(node.isNumber(), path, "must be a number");
    } else if (raw.isEnum()) {
      constant(node, raw, path);
    } else if (raw.isRecord()) {
      record(node, raw, path);
    } else if (Collection.class.isAssignableFrom(raw)) {
      list(node, typeArgument(type, 0), path);
    } else if (Map.class.isAssignableFrom(raw)) {
      map(node, typeArgument(type, 1), path);
    }
    // Any other type (none is bound from a request today) is left to its deserializer.
  }

  private void text(JsonNode node, String path, boolean freeText) {
    if (!node.isString()) {
      fault(path, "must be a string");
    } else if (!freeText && !SafeText.isSafe(node.getStringValue())) {
      fault(path, SafeText.FAULT);
    }
  }

  private void wholeNumber(JsonNode node, Class<?> raw, String path) {
    if (!node.isNumber()) {
      fault(path, "must be a whole number");
      return;
    }
    Number number = node.getNumberValue();
    BigInteger whole;
    if (number instanceof BigDecimal decimal) {
      fault(path, "must be a whole number, without a fraction or exponent");
      return;
    } else if (number instanceof BigInteger big) {
      whole = big;
    } else {
      whole = BigInteger.valueOf(number.longValue());
    }
    if (whole.bitLength() >= bits(raw)) {
      fault(path, "is out of range");
    }
  }

  private void constant(JsonNode node, Class<?> raw, String path) {
    List<String> names =
        Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    if (!node.isString() || !names.contains(node.getStringValue())) {
      fault(path, "must be one of " + String.join(", ", names));
    }
  }

  private void record(JsonNode node, Class<?> record, String path) {
    if (!node.isObject()) {
      fault(path, "must be a JSON object");
      return;
    }
    Map<String, RecordComponent> members = MEMBERS.get(record);
    for (Map.Entry<String, JsonNode> member : node.entries()) {
      String name = SafeText.shown(member.getKey());
      String memberPath = path.isEmpty() ? name : path + "." + name;
      RecordComponent component = members.get(member.getKey());
      if (component == null) {
        fault(memberPath, "is not a known field");
      } else {
        value(
            member.getValue(),
            component.getGenericType(),
            memberPath,
            component.isAnnotationPresent(FreeText.class));
      }
    }
  }

  private void list(JsonNode node, Type element, String path) {
    if (!node.isArray()) {
      fault(path, "must be a JSON array");
      return;
    }
    int index = 0;
    for (JsonNode value : node.values()) {
      String elementPath = path + "[" + index++ + "]";
      if (value.isNull() && rawClass(element) != Object.class) {
        fault(elementPath, "must not be null");
      } else {
        value(value, element, elementPath, false);
      }
    }
  }

  private void map(JsonNode node, Type valueType, String path) {
    if (!node.isObject()) {
      fault(path, "must be a JSON object");
      return;
    }
    if (rawClass(valueType) == Object.class) {
      return;
    }
    for (Map.Entry<String, JsonNode> member : node.entries()) {
      value(member.getValue(), valueType, path + "." + SafeText.shown(member.getKey()), false);
    }
  }

  private void expect(boolean condition, String path, String message) {
    if (!condition) {
      fault(path, message);
    }
  }

  private void fault(String path, String message) {
    if (faults.size() < MAX_FAULTS) {
      faults.add(new Problem.FieldError(path.isEmpty() ? "body" : path, message));
    }
  }

  /** Each member a client may send: the component's name, its {@code @JsonProperty} and aliases. */
  private static Map<String, RecordComponent> membersOf(Class<?> record) {
    Map<String, RecordComponent> members = new LinkedHashMap<>();
    for (RecordComponent component : record.getRecordComponents()) {
      AnnotatedElement accessor = component.getAccessor();
      JsonProperty property = accessor.getAnnotation(JsonProperty.class);
      String name =
          property != null && !property.value().isEmpty() ? property.value() : component.getName();
      members.put(name, component);
      JsonAlias aliases = accessor.getAnnotation(JsonAlias.class);
      if (aliases != null) {
        Arrays.stream(aliases.value()).forEach(alias -> members.put(alias, component));
      }
    }
    return Map.copyOf(members);
  }

  private static boolean isPrimitive(Type type) {
    return type instanceof Class<?> c && c.isPrimitive();
  }

  private static boolean isWholeNumber(Class<?> raw) {
    return raw == int.class
        || raw == Integer.class
        || raw == long.class
        || raw == Long.class
        || raw == short.class
        || raw == Short.class
        || raw == BigInteger.class;
  }

  /** Bits of magnitude the type holds (a sign bit aside); BigInteger: as many as a body could. */
  private static int bits(Class<?> raw) {
    if (raw == int.class || raw == Integer.class) {
      return 32;
    }
    if (raw == short.class || raw == Short.class) {
      return 16;
    }
    return raw == BigInteger.class ? Integer.MAX_VALUE : 64;
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType parameterized) {
      return rawClass(parameterized.getRawType());
    }
    if (type instanceof WildcardType wildcard && wildcard.getUpperBounds().length == 1) {
      return rawClass(wildcard.getUpperBounds()[0]);
    }
    return Object.class;
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments().length > index) {
      return parameterized.getActualTypeArguments()[index];
    }
    return Object.class;
  }
}

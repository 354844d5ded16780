package io.brmh.platform.testing;

import io.brmh.platform.search.IndexDocument;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A fixed corpus of product documents for search tests, and the answers computed from it directly:
 * which documents hold a word, or a word with a prefix, and counts by field.
 */
public final class SearchCorpus {
  private final List<IndexDocument> documents = new ArrayList<>();

  public SearchCorpus() {
    add(
        "p01",
        "Apple iPhone 15",
        "The iPhone with a 6.1 inch display",
        "Phones",
        "Apple",
        "799",
        true);
    add(
        "p02",
        "Apple iPhone 15 Pro Max",
        "Titanium iPhone, the largest display",
        "Phones",
        "Apple",
        "1199",
        true);
    add(
        "p03",
        "Refurbished iPhone 13",
        "A renewed iPhone in good condition",
        "Phones",
        "Apple",
        "449",
        false);
    add(
        "p04",
        "Samsung Galaxy S24",
        "Android flagship phone with a bright screen",
        "Phones",
        "Samsung",
        "899",
        true);
    add(
        "p05",
        "Samsung Galaxy A55",
        "Mid range phone, long battery life",
        "Phones",
        "Samsung",
        "379",
        true);
    add(
        "p06",
        "Google Pixel 8",
        "Android phone with a great camera",
        "Phones",
        "Google",
        "699",
        false);
    add(
        "p07",
        "ThinkPad X1 Carbon",
        "Business laptop, 14 inch, light",
        "Laptops",
        "Lenovo",
        "1649",
        true);
    add("p08", "MacBook Air 13", "Thin laptop with the M3 chip", "Laptops", "Apple", "1099", true);
    add("p09", "Dell XPS 15", "Laptop with an OLED display", "Laptops", "Dell", "1899", false);
    add(
        "p10",
        "ROG Strix G16",
        "Gaming laptop with a fast screen",
        "Laptops",
        "Asus",
        "1499",
        true);
    add(
        "p11",
        "Laptop stand",
        "Aluminium stand that lifts any notebook",
        "Accessories",
        "Rain",
        "49",
        true);
    add(
        "p12",
        "Laptop sleeve 14",
        "Felt sleeve for notebooks up to 14 inch",
        "Accessories",
        "Bellroy",
        "59",
        true);
    add("p13", "Sony WH-1000XM5", "Noise cancelling headphones", "Audio", "Sony", "399", true);
    add(
        "p14",
        "AirPods Pro",
        "Wireless earbuds with noise cancelling",
        "Audio",
        "Apple",
        "249",
        true);
    add(
        "p15",
        "Bose QuietComfort Ultra",
        "Comfortable headphones for travel",
        "Audio",
        "Bose",
        "429",
        false);
    add("p16", "iPad Air", "Tablet with the M2 chip", "Tablets", "Apple", "599", true);
    add("p17", "Galaxy Tab S9", "Android tablet with a pen", "Tablets", "Samsung", "799", true);
    add("p18", "Kindle Paperwhite", "E-reader with a warm light", "Tablets", "Amazon", "149", true);
    add(
        "p19",
        "Apple Watch Series 9",
        "Smart watch with health sensors",
        "Wearables",
        "Apple",
        "399",
        true);
    add(
        "p20",
        "Garmin Forerunner 265",
        "Running watch with GPS",
        "Wearables",
        "Garmin",
        "449",
        false);
    add(
        "p21",
        "USB-C charger 65W",
        "Charger for phones and notebooks",
        "Accessories",
        "Anker",
        "39",
        true);
    add("p22", "Desk lamp", "LED lamp with a dimmer", "Home", "Ikea", "25", true);
    add(
        "p23",
        "Mechanical keyboard",
        "Keyboard with brown switches",
        "Accessories",
        "Keychron",
        "99",
        true);
    add("p24", "Wireless mouse", "Quiet mouse for travel", "Accessories", "Logitech", "29", false);
    add("p25", "Gift card", "A card for any product", "Gifts", "Shop", null, true);
  }

  private void add(
      String id,
      String name,
      String description,
      String category,
      String brand,
      String price,
      boolean inStock) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("description", description);
    fields.put("category", category);
    fields.put("brand", brand);
    if (price != null) {
      fields.put("price", new BigDecimal(price));
    }
    fields.put("inStock", inStock);
    documents.add(new IndexDocument(id, fields));
  }

  public List<IndexDocument> documents() {
    return documents;
  }

  public Set<String> ids() {
    return ids(document -> true);
  }

  public Set<String> ids(Predicate<IndexDocument> matching) {
    return documents.stream()
        .filter(matching)
        .map(IndexDocument::id)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /** The documents with a word (lower case, as split by letters and digits) that passes. */
  public Set<String> withWord(Predicate<String> word) {
    return ids(document -> words(document).stream().anyMatch(word));
  }

  public static List<String> words(IndexDocument document) {
    List<String> words = new ArrayList<>();
    for (Object value : document.fields().values()) {
      if (value instanceof String text) {
        words.addAll(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
      }
    }
    return words;
  }

  /** How many of the documents that pass hold each value of the field. */
  public Map<String, Long> counts(String field, Predicate<IndexDocument> matching) {
    return documents.stream()
        .filter(matching)
        .map(document -> document.fields().get(field))
        .filter(java.util.Objects::nonNull)
        .collect(Collectors.groupingBy(Object::toString, Collectors.counting()));
  }

  public static BigDecimal price(IndexDocument document) {
    return (BigDecimal) document.fields().get("price");
  }
}

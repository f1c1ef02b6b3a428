package org.cxrbench.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cxrbench.common.Json;

/**
 * Turns a judge's free-text answer into a verdict: the one parser shared by the {@code vlm} and {@code labels-file}
 * judges (and the ONNX judge's label map).
 *
 * <p>Tolerant of form: case, surrounding quotes, markdown emphasis and headings, trailing punctuation, a sentence
 * around the verdict ("The image is of High Quality."), a JSON object whose verdict-like field
 * ({@code verdict}, {@code quality}, {@code answer}, {@code label}, {@code classification}, {@code result},
 * {@code rating}) holds the answer, and the written forms {@code high}, {@code medium}, {@code low},
 * {@code not-relevant}. Strict about content: the answer must name exactly one verdict. An empty answer, one that
 * names no verdict, one that names two ("High or Medium Quality", "not relevant, low quality") and one that only negates
 * a verdict ("not of high quality") are errors, never guesses. A negated level beside an affirmed one is no second
 * verdict: "High Quality, though it is not Low Quality" is {@code high}.
 */
public final class VerdictParser {
    private VerdictParser() {}

    /** Why an answer is not a verdict (the caller adds where the answer came from). */
    public static final class UnparseableAnswerException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnparseableAnswerException(String message) {
            super(message);
        }
    }

    private static final Pattern NOT_RELEVANT = Pattern.compile("\\b(?:not|non)[\\s_-]*relevant\\b|\\birrelevant\\b|\\bnotrelevant\\b");
    private static final Pattern LEVEL = Pattern.compile("\\b(high|medium|low)\\b");
    private static final Pattern NEGATED_LEVEL = Pattern.compile("\\b(?:not|no|neither|nor|never|isn't|isnt)\\s+(?:(?:of|a|an|the|really|very)\\s+){0,2}(?:high|medium|low)\\b");
    private static final String[] JSON_KEYS = {"verdict", "quality", "answer", "label", "classification", "result", "rating",
            "assessment", "response"};

    /** The verdict named by the answer; {@link UnparseableAnswerException} saying why when there is not exactly one. */
    public static Verdict parse(String answer) {
        if (answer == null || answer.isBlank()) {
            throw new UnparseableAnswerException("empty answer");
        }
        String text = fromJson(answer.strip());
        String norm = normalise(text);
        if (norm.isEmpty()) {
            throw new UnparseableAnswerException("empty answer");
        }
        Set<Verdict> named = EnumSet.noneOf(Verdict.class);
        Matcher nr = NOT_RELEVANT.matcher(norm);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (nr.find()) {
            named.add(Verdict.NOT_RELEVANT);
            rest.append(norm, last, nr.start()).append(' ');
            last = nr.end();
        }
        rest.append(norm.substring(last));
        // a negated level ("though it is not Low Quality") names nothing; the answer must still affirm one verdict
        Matcher neg = NEGATED_LEVEL.matcher(rest.toString());
        boolean negates = neg.find();
        String levels = neg.replaceAll(" ");
        Matcher lm = LEVEL.matcher(levels);
        while (lm.find()) {
            named.add(switch (lm.group(1)) {
                case "high" -> Verdict.HIGH;
                case "medium" -> Verdict.MEDIUM;
                default -> Verdict.LOW;
            });
        }
        if (named.isEmpty() && negates) {
            throw new UnparseableAnswerException("the answer negates a verdict instead of naming one");
        }
        if (named.isEmpty()) {
            throw new UnparseableAnswerException("names no verdict (expected High Quality, Medium Quality, Low Quality or Not Relevant)");
        }
        if (named.size() > 1) {
            StringBuilder b = new StringBuilder();
            for (Verdict v : named) {
                b.append(b.length() == 0 ? "" : " and ").append(v.key());
            }
            throw new UnparseableAnswerException("ambiguous: names " + b);
        }
        return named.iterator().next();
    }

    /** Like {@link #parse(String)}, but the error is bad input naming where the answer came from. */
    public static Verdict parse(String answer, String where, String fix) {
        try {
            return parse(answer);
        } catch (UnparseableAnswerException e) {
            throw new org.cxrbench.common.BadInputException(where + ": answer '" + shorten(answer) + "' " + e.getMessage()
                    + "; " + fix);
        }
    }

    static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replace('\n', ' ').replace('\r', ' ').strip();
        return t.length() <= 80 ? t : t.substring(0, 77) + "...";
    }

    /** The verdict-like field of a JSON object answer (possibly inside a ```json fence), else the text itself. */
    static String fromJson(String s) {
        String t = s;
        if (t.startsWith("```")) {
            t = t.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```\\s*$", "");
        }
        t = t.strip();
        if (!(t.startsWith("{") && t.endsWith("}")) && !(t.startsWith("\"") && t.endsWith("\"") && t.length() > 1)) {
            return s;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(t);
        } catch (java.io.IOException e) {
            return s; // JSON-looking but malformed: read it as text, the words decide
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (!node.isObject()) {
            return s;
        }
        for (String k : JSON_KEYS) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equalsIgnoreCase(k) && e.getValue().isTextual()) {
                    return e.getValue().asText();
                }
            }
        }
        return s;
    }

    /** Lower case; markdown emphasis, code, headings and quotes removed; punctuation to spaces; spaces collapsed. */
    static String normalise(String s) {
        String t = s.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'')
                .replaceAll("[*_`#>\"\u201c\u201d]", " ")
                .replace("not-relevant", "not relevant")
                .replaceAll("[.,;:!?()\\[\\]{}|=]", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return t;
    }
}

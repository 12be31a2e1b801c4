package dev.logitlab.text;

import static dev.logitlab.i18n.Messages.say;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an instruction (and an optional input) becomes the prompt an instruction-tuned model reads: the
 * Alpaca template the GPT guide fine-tunes with, or its Portuguese version, or one the user edited. Two
 * texts, because Alpaca leaves the input section out when there is no input: {@code withInput} holds
 * {@code {instruction}} and {@code {input}}, {@code withoutInput} holds {@code {instruction}} only. The
 * response follows the prompt directly; the tokenizer's end token ({@code <|endoftext|>} for GPT-2,
 * [EOS] for LogitLab's own tokenizers) closes it.
 *
 * <p>It lives with the text, not with fine-tuning, because a model file keeps it with its tokenizer
 * ({@link dev.logitlab.model.TrainedModel#template()}): chat, completion and the API read it from there.
 *
 * @param language     "en" or "pt" for the built-in ones, "custom" for an edited one (only shown)
 * @param withInput    the template used when the record has an input
 * @param withoutInput the template used when the input is empty
 */
public record PromptTemplate(String language, String withInput, String withoutInput) {
    public static final String INSTRUCTION = "{instruction}", INPUT = "{input}";
    /** The longest template accepted, in characters: a template is a few lines, not a document. */
    public static final int MAX_CHARS = 10_000;

    /** The guide's (Stanford Alpaca's) template. */
    public static final PromptTemplate ALPACA = new PromptTemplate("en",
            "Below is an instruction that describes a task. Write a response that appropriately completes the request."
                    + "\n\n### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:\n",
            "Below is an instruction that describes a task. Write a response that appropriately completes the request."
                    + "\n\n### Instruction:\n{instruction}\n\n### Response:\n");

    /** The same in Brazilian Portuguese. */
    public static final PromptTemplate ALPACA_PT = new PromptTemplate("pt",
            "Abaixo está uma instrução que descreve uma tarefa. Escreva uma resposta que complete adequadamente o pedido."
                    + "\n\n### Instrução:\n{instruction}\n\n### Entrada:\n{input}\n\n### Resposta:\n",
            "Abaixo está uma instrução que descreve uma tarefa. Escreva uma resposta que complete adequadamente o pedido."
                    + "\n\n### Instrução:\n{instruction}\n\n### Resposta:\n");

    public PromptTemplate {
        if (language == null || language.isBlank()) language = "custom";
        check("withInput", withInput, true);
        check("withoutInput", withoutInput, false);
    }

    private static void check(String which, String template, boolean input) {
        if (template == null || template.isBlank()) throw new IllegalArgumentException(say("template.empty", which));
        if (template.length() > MAX_CHARS) throw new IllegalArgumentException(say("template.too_long", which, template.length(), MAX_CHARS));
        if (count(template, INSTRUCTION) != 1) throw new IllegalArgumentException(say("template.instruction", which));
        if (input && count(template, INPUT) != 1) throw new IllegalArgumentException(say("template.input", which));
        if (!input && template.contains(INPUT)) throw new IllegalArgumentException(say("template.no_input", which));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) n++;
        return n;
    }

    /**
     * The prompt for one instruction: the input section only when {@code input} is not blank. The
     * placeholders are filled in one pass, so braces inside the instruction or input stay as typed.
     */
    public String render(String instruction, String input) {
        boolean hasInput = input != null && !input.isBlank();
        String t = hasInput ? withInput : withoutInput;
        StringBuilder sb = new StringBuilder(t.length() + instruction.length() + (hasInput ? input.length() : 0));
        int i = 0;
        while (i < t.length()) {
            if (t.startsWith(INSTRUCTION, i)) { sb.append(instruction); i += INSTRUCTION.length(); }
            else if (hasInput && t.startsWith(INPUT, i)) { sb.append(input); i += INPUT.length(); }
            else sb.append(t.charAt(i++));
        }
        return sb.toString();
    }

    /** The built-in template for a language: Portuguese for "pt…", the English Alpaca one otherwise. */
    public static PromptTemplate forLanguage(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("pt") ? ALPACA_PT : ALPACA;
    }

    /** The built-in template for {@code locale}'s language. */
    public static PromptTemplate forLocale(Locale locale) {
        return forLanguage(locale == null ? null : locale.getLanguage());
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}]+");
    private static final Set<String> PT = Set.of("de", "que", "não", "uma", "um", "para", "com", "os", "da",
            "em", "é", "palavra", "escreva", "qual", "responda", "frase", "plural", "singular", "diga", "ordem");
    private static final Set<String> EN = Set.of("the", "of", "and", "to", "is", "an", "in", "what", "write", "word",
            "give", "sentence", "answer", "which", "this", "with");

    /**
     * The language of some texts (the data's instructions), by which of two small lists of common words
     * they use more: "pt" or "en". Accented letters count towards Portuguese, as English has almost none.
     */
    public static String languageOf(List<String> texts) {
        int pt = 0, en = 0;
        for (String text : texts) {
            var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
            while (m.find()) {
                String w = m.group();
                if (PT.contains(w)) pt++;
                if (EN.contains(w)) en++;
                if (w.chars().anyMatch(c -> "ãõçáéíóúâêôà".indexOf(c) >= 0)) pt++;
            }
        }
        return pt > en ? "pt" : "en";
    }

    /** This template with both texts replaced (an edit), marked "custom" unless it equals a built-in one. */
    public PromptTemplate edited(String newWithInput, String newWithoutInput) {
        for (PromptTemplate builtIn : List.of(ALPACA, ALPACA_PT)) {
            if (builtIn.withInput.equals(newWithInput) && builtIn.withoutInput.equals(newWithoutInput)) return builtIn;
        }
        return new PromptTemplate("custom", newWithInput, newWithoutInput);
    }
}

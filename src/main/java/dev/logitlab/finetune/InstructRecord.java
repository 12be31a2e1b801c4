package dev.logitlab.finetune;

import dev.logitlab.text.PromptTemplate;

/**
 * One instruction-following example in the Alpaca format: what to do, what to do it on (may be
 * empty), and the reference answer.
 */
public record InstructRecord(String instruction, String input, String output) {
    public InstructRecord {
        if (instruction == null || instruction.isBlank()) throw new IllegalArgumentException("an instruction must not be empty");
        if (input == null) input = "";
        if (output == null) throw new IllegalArgumentException("an output must be given (it may be empty only when chatting)");
    }

    /** An instruction without input. */
    public InstructRecord(String instruction, String output) {
        this(instruction, "", output);
    }

    /** The prompt this record gives the model under {@code template}. */
    public String prompt(PromptTemplate template) {
        return template.render(instruction, input);
    }
}

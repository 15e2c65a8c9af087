package io.plumbline.rules;

/** A catalog file that cannot be used; the message names the file and the field. */
public class RuleDefinitionException extends RuntimeException {

    public RuleDefinitionException(String message) {
        super(message);
    }

    public RuleDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}

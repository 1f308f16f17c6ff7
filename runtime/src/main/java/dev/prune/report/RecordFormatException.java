package dev.prune.report;

/**
 * A line of a JSON-lines file that does not fit the contract: not JSON, a missing key, a value of the wrong
 * type. The readers add the file and line number in front of the message.
 */
public final class RecordFormatException extends IllegalArgumentException {

    RecordFormatException(String message) {
        super(message);
    }

    RecordFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.carafe.cli;

/** A command line that cannot be run as written: exit code 2, with the command's usage. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}

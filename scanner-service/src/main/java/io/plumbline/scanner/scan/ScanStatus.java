package io.plumbline.scanner.scan;

/** RUNNING until done; PARTIAL when some scopes failed (their findings are left as they were). */
public enum ScanStatus {
    RUNNING,
    SUCCEEDED,
    PARTIAL,
    FAILED
}

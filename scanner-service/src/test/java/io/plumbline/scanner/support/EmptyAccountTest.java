package io.plumbline.scanner.support;

import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** Base of the scan tests: each test starts from an empty emulated account and an empty scanner database. */
public abstract class EmptyAccountTest {

    @Inject
    protected ScannerState state;

    @Inject
    protected AwsFaults faults;

    @BeforeEach
    void emptyAccount() {
        Moto.reset();
        state.clear();
        faults.clear();
    }
}

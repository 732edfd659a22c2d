package org.kollussuite.console;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every page test starts from: the running suite, Kollus to feed it, and a browser signed in to the console. */
@ExtendWith(ConsoleSuiteExtension.class)
public abstract class SignedInPageTest {

    protected ConsoleSuite suite;
    protected Kollus kollus;
    protected Browser browser;

    @BeforeEach
    void signIn(ConsoleSuite suite) {
        this.suite = suite;
        kollus = new Kollus(suite);
        browser = Browser.signedIn(suite.consoleUrl());
    }
}

package org.kollussuite.console.web;

/** Input a page cannot use at all, such as a path id that is not a number: answered with a 400 page. */
public class BadInputException extends RuntimeException {

    private final String title;
    private final String backUrl;
    private final String backLabel;

    public BadInputException(String title, String problem, String backUrl, String backLabel) {
        super(problem);
        this.title = title;
        this.backUrl = backUrl;
        this.backLabel = backLabel;
    }

    public String title() {
        return title;
    }

    public String backUrl() {
        return backUrl;
    }

    public String backLabel() {
        return backLabel;
    }
}

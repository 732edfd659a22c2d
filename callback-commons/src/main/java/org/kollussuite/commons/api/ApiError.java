package org.kollussuite.commons.api;

/** The JSON body of every error answer: a stable code and a sentence for humans. */
public record ApiError(String error, String message) {
}

package org.newswatch.classifier.api;

/** The request is understood but not acceptable; the message says why. */
class InvalidRequestException extends RuntimeException {

    InvalidRequestException(String message) {
        super(message);
    }
}

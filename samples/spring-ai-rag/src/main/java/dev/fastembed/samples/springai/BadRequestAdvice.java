package dev.fastembed.samples.springai;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Bad requests get a 400 whose body (RFC 9457 problem details) says what was wrong and what to send instead,
 * not Boot's bare default.
 */
@RestControllerAdvice
class BadRequestAdvice {

    @ExceptionHandler(SearchController.BadRequest.class)
    ProblemDetail invalid(SearchController.BadRequest e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "query parameter "
                + e.getParameterName() + " is missing: for example /search?q=cats&k=5");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mistyped(MethodArgumentTypeMismatchException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "query parameter " + e.getName()
                + " is '" + e.getValue() + "': it must be a whole number from 1 to " + SearchController.MAX_K);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the body is not a JSON array: send documents as [\"first text\", \"second text\"]");
    }
}

package dev.omniarchitect.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** Turns values and problems into responses with the shared mapper. */
final class Responses {

    private final ObjectMapper mapper;

    Responses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** The value as a JSON response. */
    ApiResponse json(int status, Object value) {
        return ApiResponse.json(status, write(value));
    }

    /** The problem as an {@code application/problem+json} response. */
    ApiResponse problem(Problem problem) {
        return ApiResponse.problem(problem.status(), write(problem));
    }

    /** The value as JSON text. */
    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.skillforge.web.testing;

import static io.restassured.RestAssured.given;

import org.hamcrest.Matchers;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** RestAssured shorthands every service's HTTP tests share. */
public final class Http {

    private Http() {
    }

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(token));
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    /** Asserts an RFC 9457 problem response of the given status and type. */
    public static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", Matchers.equalTo(status))
                .body("type", Matchers.equalTo("/problems/" + type));
    }

    /** Vary as one value, however the Lambda HTTP layer split it. */
    public static String vary(io.restassured.response.ExtractableResponse<?> response) {
        return String.join(", ", response.headers().getValues("Vary"));
    }

    /** Cache-Control as one value: the Lambda HTTP layer may hand a comma-separated header over as several values. */
    public static String cacheControl(io.restassured.response.ExtractableResponse<?> response) {
        return String.join(", ", response.headers().getValues("Cache-Control"));
    }
}

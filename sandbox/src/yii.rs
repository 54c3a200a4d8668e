//! What Yii2, the framework of every BTS server, answers for an HTTP error: reason phrases and
//! error bodies.

/// The standard reason phrase of a status code.
pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

/// The Yii2 error body a BTS server sends for an HTTP error status, e.g. for 401:
/// `{"name":"Unauthorized","message":"Your request was made with invalid credentials.","code":0,"status":401,"type":"yii\\web\\UnauthorizedHttpException"}`.
///
/// `message` replaces the default message of that status when given.
pub fn yii_error_body(status: u16, message: Option<&str>) -> String {
    let (name, default_msg, ty) = match status {
        400 => (
            "Bad Request",
            "Bad Request",
            "yii\\web\\BadRequestHttpException",
        ),
        401 => (
            "Unauthorized",
            "Your request was made with invalid credentials.",
            "yii\\web\\UnauthorizedHttpException",
        ),
        403 => (
            "Forbidden",
            "You are not allowed to perform this action.",
            "yii\\web\\ForbiddenHttpException",
        ),
        404 => (
            "Not Found",
            "Page not found.",
            "yii\\web\\NotFoundHttpException",
        ),
        405 => (
            "Method Not Allowed",
            "Method Not Allowed.",
            "yii\\web\\MethodNotAllowedHttpException",
        ),
        406 => (
            "Not Acceptable",
            "Not Acceptable",
            "yii\\web\\NotAcceptableHttpException",
        ),
        409 => ("Conflict", "Conflict", "yii\\web\\ConflictHttpException"),
        410 => ("Gone", "Gone", "yii\\web\\GoneHttpException"),
        415 => (
            "Unsupported Media Type",
            "Unsupported Media Type",
            "yii\\web\\UnsupportedMediaTypeHttpException",
        ),
        422 => (
            "Unprocessable entity",
            "Data Validation Failed.",
            "yii\\web\\UnprocessableEntityHttpException",
        ),
        429 => (
            "Too Many Requests",
            "Rate limit exceeded.",
            "yii\\web\\TooManyRequestsHttpException",
        ),
        500 => (
            "Internal Server Error",
            "An internal server error occurred.",
            "yii\\web\\ServerErrorHttpException",
        ),
        503 => (
            "Service Unavailable",
            "Service Unavailable",
            "yii\\web\\ServiceUnavailableHttpException",
        ),
        _ => (reason(status), reason(status), "yii\\web\\HttpException"),
    };
    let mut out = Vec::with_capacity(160);
    out.extend_from_slice(b"{\"name\":");
    crate::json::write_str(&mut out, name);
    out.extend_from_slice(b",\"message\":");
    crate::json::write_str(&mut out, message.unwrap_or(default_msg));
    out.extend_from_slice(format!(",\"code\":0,\"status\":{status},\"type\":").as_bytes());
    crate::json::write_str(&mut out, ty);
    out.push(b'}');
    String::from_utf8(out).unwrap_or_default()
}

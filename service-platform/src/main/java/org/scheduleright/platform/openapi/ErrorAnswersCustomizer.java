package org.scheduleright.platform.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.scheduleright.platform.error.ErrorCode;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/** Lists the error answers a handler declares with {@link ErrorAnswers} in its operation. */
public final class ErrorAnswersCustomizer implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ErrorAnswers answers = handler.getMethodAnnotation(ErrorAnswers.class);
        if (answers == null) {
            return operation;
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.responses(responses);
        Map<Integer, List<ErrorCode>> byStatus = Arrays.stream(answers.value())
                .collect(Collectors.groupingBy(code -> code.status().value(), LinkedHashMap::new, Collectors.toList()));
        byStatus.forEach((status, codes) -> responses.addApiResponse(
                String.valueOf(status),
                ApiConventions.errorResponse(
                        codes.stream().map(Enum::name).collect(Collectors.joining(" or ")),
                        codes.toArray(ErrorCode[]::new))));
        return operation;
    }
}

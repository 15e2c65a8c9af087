package io.plumbline.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import java.util.Map;
import java.util.Optional;

/**
 * The variables a rule's CEL sees: {@code resource} (the API shape), {@code related}, {@code tags},
 * {@code params}, and the strings {@code account}, {@code region}, {@code arn}, {@code id}, {@code name}.
 */
final class CelEnvironment {

    private static final CelType DYN_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings(), CelOptionalLibrary.INSTANCE)
            .addVar("resource", DYN_MAP)
            .addVar("related", DYN_MAP)
            .addVar("tags", MapType.create(SimpleType.STRING, SimpleType.STRING))
            .addVar("params", DYN_MAP)
            .addVar("account", SimpleType.STRING)
            .addVar("region", SimpleType.STRING)
            .addVar("arn", SimpleType.STRING)
            .addVar("id", SimpleType.STRING)
            .addVar("name", SimpleType.STRING)
            .build();

    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addLibraries(CelExtensions.strings(), CelOptionalLibrary.INSTANCE)
            .build();

    private CelEnvironment() {}

    /** Parses and type-checks with dev.cel (the source of truth), then plans both evaluation paths. */
    static CelExpression compile(String expression, boolean mustBeBool) throws CelValidationException {
        CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
        if (mustBeBool && !ast.getResultType().equals(SimpleType.BOOL) && !ast.getResultType().equals(SimpleType.DYN)) {
            throw new IllegalArgumentException("condition must be a boolean expression, not " + ast.getResultType());
        }
        CelRuntime.Program interpreted;
        try {
            interpreted = RUNTIME.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new CelExpression(expression, interpreted, CelClosures.compile(ast));
    }

    /**
     * The variables of one evaluation, read straight from the resource when the program asks for them: nothing is
     * copied per evaluation (a {@code Map} activation is copied by CEL into an immutable map on every
     * {@code eval}, once for the condition and again for each message placeholder).
     */
    static CelVariableResolver variables(Resource resource, Map<String, Object> params) {
        return new Variables(resource, params);
    }

    private record Variables(Resource resource, Map<String, Object> params) implements CelVariableResolver {

        @Override
        public Optional<Object> find(String name) {
            // absent (null) values resolve as missing, as they did with a map activation
            return Optional.ofNullable(switch (name) {
                case "resource" -> resource.data();
                case "related" -> resource.related();
                case "tags" -> resource.tags();
                case "params" -> params;
                case "account" -> resource.accountId();
                case "region" -> resource.region();
                case "arn" -> resource.arn();
                case "id" -> resource.id();
                case "name" -> resource.name();
                default -> null;
            });
        }
    }
}

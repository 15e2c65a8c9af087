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
import java.util.HashMap;
import java.util.Map;

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

    static CelRuntime.Program compile(String expression, boolean mustBeBool) throws CelValidationException {
        CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
        if (mustBeBool && !ast.getResultType().equals(SimpleType.BOOL) && !ast.getResultType().equals(SimpleType.DYN)) {
            throw new IllegalArgumentException("condition must be a boolean expression, not " + ast.getResultType());
        }
        try {
            return RUNTIME.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static Map<String, Object> activation(Resource resource, Map<String, Object> params) {
        Map<String, Object> vars = new HashMap<>(12);
        vars.put("resource", resource.data());
        vars.put("related", resource.related());
        vars.put("tags", resource.tags());
        vars.put("params", params);
        vars.put("account", resource.accountId());
        vars.put("region", resource.region());
        vars.put("arn", resource.arn());
        vars.put("id", resource.id());
        vars.put("name", resource.name());
        return vars;
    }
}

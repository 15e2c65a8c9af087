package io.plumbline.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.TypeType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Compiles a checked CEL AST into a tree of Java closures; written here because no library gives a compiled CEL for Java. */
final class CelClosures {

    /** One compiled node. Throws {@link CelError} where CEL yields an error, {@link Unsupported} where this path cannot decide. */
    @FunctionalInterface
    interface Node {
        Object eval(Frame f);
    }

    /** A CEL error (missing key, no matching overload, overflow): an ordinary outcome here, so no stack trace. */
    static final class CelError extends RuntimeException {
        CelError(String message) {
            super(message, null, false, false);
        }
    }

    /** A construct or a value (e.g. an unnormalised Integer, a null) this path does not handle: dev.cel's interpreter decides. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /** The variables of one evaluation and one slot per comprehension variable. */
    static final class Frame {
        final Resource resource;
        final Map<String, Object> params;
        final Object[] slots;

        Frame(Resource resource, Map<String, Object> params, int slots) {
            this.resource = resource;
            this.params = params;
            this.slots = new Object[slots];
        }
    }

    /**
     * A compiled expression; safe to share between threads (all state lives in the {@link Frame}).
     *
     * @param gaps the constructs outside the subset: reaching one hands the whole expression to dev.cel's interpreter
     */
    record Program(Node root, int slots, List<String> gaps) {
        Object eval(Resource resource, Map<String, Object> params) {
            Object result = root.eval(new Frame(resource, params, slots));
            if (result instanceof Instant || result instanceof Duration) {
                throw new Unsupported("a timestamp or duration result"); // dev.cel's own types, printed its way
            }
            return result;
        }
    }

    /** The runtime types {@code type(x)} compares. */
    enum CelKind { BOOL, INT, DOUBLE, STRING, LIST, MAP }

    /** An error a comprehension's accumulator holds, as dev.cel's interpreter keeps it: thrown again when read. */
    private record Held(CelError error) {}

    /** RFC 3339 as CEL's timestamp() takes it; anything looser is left to dev.cel. */
    private static final Pattern RFC3339 =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})");
    private static final Pattern WHOLE_UNITS = Pattern.compile("-?[0-9]{1,9}[hms]");

    private static final boolean PARTIAL_REGEX = CelOptions.current().build().enableRegexPartialMatch();

    private final CelAbstractSyntaxTree ast;
    private final Map<String, Integer> scope = new HashMap<>();
    private final List<String> gaps = new ArrayList<>();
    private int slots;

    private CelClosures(CelAbstractSyntaxTree ast) {
        this.ast = ast;
    }

    static Program compile(CelAbstractSyntaxTree ast) {
        CelClosures compiler = new CelClosures(ast);
        Node root = compiler.node(ast.getExpr());
        return new Program(root, compiler.slots, List.copyOf(compiler.gaps));
    }

    private Node node(CelExpr e) {
        try {
            return switch (e.getKind()) {
                case CONSTANT -> constant(e.constant());
                case IDENT -> ident(e);
                case SELECT -> select(e.select());
                case CALL -> call(e);
                case LIST -> list(e.list());
                case MAP -> map(e.map());
                case COMPREHENSION -> comprehension(e.comprehension());
                default -> throw new Unsupported(e.getKind() + " expression");
            };
        } catch (Unsupported gap) {
            // a construct outside the subset hands the expression to the interpreter only when an evaluation reaches it
            // (e.g. the timestamp arithmetic after `State.Name == 'stopped' &&` runs for stopped instances only)
            gaps.add(gap.getMessage());
            return f -> throwing(gap);
        }
    }

    private static Node constant(CelConstant c) {
        Object value = switch (c.getKind()) {
            case BOOLEAN_VALUE -> c.booleanValue();
            case INT64_VALUE -> c.int64Value();
            case DOUBLE_VALUE -> c.doubleValue();
            case STRING_VALUE -> c.stringValue();
            default -> throw new Unsupported(c.getKind() + " constant");
        };
        return f -> value;
    }

    private Node ident(CelExpr e) {
        String name = e.ident().name();
        Integer slot = scope.get(name);
        if (slot != null) {
            int i = slot;
            return f -> f.slots[i] instanceof Held held ? throwing(held.error()) : f.slots[i];
        }
        if (ast.getType(e.id()).orElse(null) instanceof TypeType) {
            CelKind kind = switch (name) {
                case "bool" -> CelKind.BOOL;
                case "int" -> CelKind.INT;
                case "double" -> CelKind.DOUBLE;
                case "string" -> CelKind.STRING;
                case "list" -> CelKind.LIST;
                case "map" -> CelKind.MAP;
                default -> throw new Unsupported("type " + name);
            };
            return f -> kind;
        }
        return switch (name) {
            case "resource" -> f -> f.resource.data();
            case "related" -> f -> f.resource.related();
            case "tags" -> f -> f.resource.tags();
            case "params" -> f -> variable(f.params, name);
            case "account" -> f -> variable(f.resource.accountId(), name);
            case "region" -> f -> variable(f.resource.region(), name);
            case "arn" -> f -> variable(f.resource.arn(), name);
            case "id" -> f -> variable(f.resource.id(), name);
            case "name" -> f -> variable(f.resource.name(), name);
            default -> throw new Unsupported("variable " + name);
        };
    }

    private Node select(CelExpr.CelSelect s) {
        Node operand = node(s.operand());
        String field = s.field();
        if (s.testOnly()) {
            return f -> {
                if (operand.eval(f) instanceof Map<?, ?> m) {
                    Object v = m.get(field);
                    return v != null ? Boolean.TRUE : m.containsKey(field) ? throwing(new Unsupported("null value")) : Boolean.FALSE;
                }
                throw new Unsupported("has() on a non-map");
            };
        }
        return f -> {
            if (operand.eval(f) instanceof Map<?, ?> m) {
                return entry(m, field);
            }
            throw new Unsupported("select on a non-map");
        };
    }

    private Node list(CelExpr.CelList l) {
        if (!l.optionalIndices().isEmpty()) {
            throw new Unsupported("optional list element");
        }
        Node[] elements = nodes(l.elements());
        if (l.elements().stream().allMatch(x -> x.getKind() == CelExpr.ExprKind.Kind.CONSTANT)) {
            // a literal list of constants (e.g. the right side of `in`) is built once
            List<Object> constant = List.of(evalAll(elements, null));
            return f -> constant;
        }
        return f -> List.of(evalAll(elements, f));
    }

    private Node map(CelExpr.CelMap m) {
        List<Node> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        for (CelExpr.CelMap.Entry entry : m.entries()) {
            if (entry.optionalEntry()) {
                throw new Unsupported("optional map entry");
            }
            keys.add(node(entry.key()));
            values.add(node(entry.value()));
        }
        return f -> {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                if (!(keys.get(i).eval(f) instanceof String key)) {
                    throw new Unsupported("map literal with a non-string key");
                }
                out.put(key, values.get(i).eval(f));
            }
            return out;
        };
    }

    private Node comprehension(CelExpr.CelComprehension c) {
        if (!c.iterVar2().isEmpty()) {
            throw new Unsupported("two-variable comprehension");
        }
        Node range = node(c.iterRange());
        Boolean quantifier = quantifier(c);
        if (quantifier != null) {
            return quantified(c, range, quantifier);
        }
        Node init = node(c.accuInit());
        Integer outerIter = scope.get(c.iterVar());
        Integer outerAccu = scope.get(c.accuVar());
        int iterSlot = slots++;
        int accuSlot = slots++;
        scope.put(c.iterVar(), iterSlot);
        scope.put(c.accuVar(), accuSlot);
        Node condition = node(c.loopCondition());
        Node step = node(c.loopStep());
        scope.remove(c.iterVar());
        Node result = node(c.result());
        restore(c.iterVar(), outerIter);
        restore(c.accuVar(), outerAccu);
        return f -> {
            Iterable<?> items = items(range.eval(f));
            Object accu = nonStrict(init, f);
            for (Object item : items) {
                f.slots[iterSlot] = value(item);
                f.slots[accuSlot] = accu;
                if (!bool(condition.eval(f))) {
                    break;
                }
                accu = nonStrict(step, f);
            }
            f.slots[accuSlot] = accu;
            return result.eval(f);
        };
    }

    private static Iterable<?> items(Object range) {
        return switch (range) {
            case List<?> l -> l;
            case Map<?, ?> m -> m.keySet();
            default -> throw new CelError("expected a list or a map for iteration range");
        };
    }

    /**
     * The decider of an {@code exists} (true) or {@code all} (false) macro expansion, else null. Such a loop needs no
     * accumulator: the decider wins, else the first error, else the other value, as the expansion's {@code ||} / {@code &&} give.
     */
    private static Boolean quantifier(CelExpr.CelComprehension c) {
        if (c.accuInit().getKind() != CelExpr.ExprKind.Kind.CONSTANT || c.accuInit().constant().getKind() != CelConstant.Kind.BOOLEAN_VALUE
                || !isIdent(c.result(), c.accuVar()) || c.loopStep().getKind() != CelExpr.ExprKind.Kind.CALL
                || c.loopCondition().getKind() != CelExpr.ExprKind.Kind.CALL
                || !c.loopCondition().call().function().equals("@not_strictly_false")) {
            return null;
        }
        boolean decider = !c.accuInit().constant().booleanValue();
        CelExpr.CelCall step = c.loopStep().call();
        boolean shape = step.function().equals(decider ? "_||_" : "_&&_") && step.args().size() == 2
                && isIdent(step.args().get(0), c.accuVar());
        return shape ? decider : null;
    }

    private static boolean isIdent(CelExpr e, String name) {
        return e.getKind() == CelExpr.ExprKind.Kind.IDENT && e.ident().name().equals(name);
    }

    private Node quantified(CelExpr.CelComprehension c, Node range, boolean decider) {
        Integer outerIter = scope.get(c.iterVar());
        int iterSlot = slots++;
        scope.put(c.iterVar(), iterSlot);
        Node predicate = node(c.loopStep().call().args().get(1)); // the accumulator is not in scope: a use of it is a gap
        restore(c.iterVar(), outerIter);
        return f -> {
            CelError firstError = null;
            for (Object item : items(range.eval(f))) {
                f.slots[iterSlot] = value(item);
                Object verdict;
                try {
                    verdict = booleanOrError(predicate, f);
                } catch (CelError notBoolean) {
                    verdict = notBoolean;
                }
                if (verdict instanceof Boolean b) {
                    if (b == decider) {
                        return b;
                    }
                } else if (firstError == null) {
                    firstError = (CelError) verdict;
                }
            }
            if (firstError != null) {
                throw firstError;
            }
            return !decider;
        };
    }

    private void restore(String name, Integer outer) {
        if (outer == null) {
            scope.remove(name);
        } else {
            scope.put(name, outer);
        }
    }

    private Node call(CelExpr e) {
        CelExpr.CelCall call = e.call();
        List<CelExpr> argExprs = new ArrayList<>();
        call.target().ifPresent(argExprs::add);
        argExprs.addAll(call.args());
        String function = call.function();
        if (function.equals("orValue") && argExprs.size() == 2 && isOptionalField(argExprs.get(0))) {
            return fieldOrValue(argExprs.get(0).call(), argExprs.get(1));
        }
        if (function.equals("@in") && argExprs.get(1).getKind() == CelExpr.ExprKind.Kind.LIST
                && !argExprs.get(1).list().elements().isEmpty()
                && argExprs.get(1).list().elements().stream().allMatch(x -> x.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                        && x.constant().getKind() == CelConstant.Kind.STRING_VALUE)) {
            return inStrings(node(argExprs.get(0)), argExprs.get(1).list().elements());
        }
        Node[] a = nodes(argExprs);
        return switch (function + "/" + a.length) {
            case "_&&_/2" -> f -> logical(a[0], a[1], false, f);
            case "_||_/2" -> f -> logical(a[0], a[1], true, f);
            case "!_/1" -> f -> !bool(a[0].eval(f));
            case "_?_:_/3" -> f -> bool(a[0].eval(f)) ? a[1].eval(f) : a[2].eval(f);
            case "@not_strictly_false/1" -> f -> notStrictlyFalse(a[0], f);
            case "_==_/2" -> f -> CelClosures.equal(a[0].eval(f), a[1].eval(f));
            case "_!=_/2" -> f -> !CelClosures.equal(a[0].eval(f), a[1].eval(f));
            case "@in/2" -> f -> in(a[0].eval(f), a[1].eval(f));
            case "_<_/2" -> f -> compare(a, f) < 0;
            case "_<=_/2" -> f -> compare(a, f) <= 0;
            case "_>_/2" -> f -> compare(a, f) > 0;
            case "_>=_/2" -> f -> compare(a, f) >= 0;
            case "_+_/2" -> f -> add(a[0].eval(f), a[1].eval(f));
            case "_-_/2" -> f -> subtract(a[0].eval(f), a[1].eval(f));
            case "_*_/2" -> f -> arithmetic('*', a[0].eval(f), a[1].eval(f));
            case "_/_/2" -> f -> arithmetic('/', a[0].eval(f), a[1].eval(f));
            case "_[_]/2" -> f -> index(a[0].eval(f), a[1].eval(f));
            case "_?._/2" -> optionalSelect(a[0], call.args().get(1));
            case "_[?_]/2" -> f -> optionalIndex(a[0].eval(f), a[1].eval(f));
            case "orValue/2" -> f -> {
                Optional<?> optional = optional(a[0].eval(f));
                Object otherwise = a[1].eval(f); // a function's arguments are all evaluated, as dev.cel does
                return optional.isPresent() ? optional.get() : otherwise;
            };
            case "hasValue/1" -> f -> optional(a[0].eval(f)).isPresent();
            case "value/1" -> f -> optional(a[0].eval(f)).orElseThrow(() -> new CelError("optional.none() dereference"));
            case "optional.of/1" -> f -> Optional.of(a[0].eval(f));
            case "optional.none/0" -> f -> Optional.empty();
            case "size/1" -> f -> size(a[0].eval(f));
            case "int/1" -> f -> toInt(a[0].eval(f));
            case "string/1" -> f -> toStringValue(a[0].eval(f));
            case "type/1" -> f -> kind(a[0].eval(f));
            case "contains/2" -> f -> string(a[0].eval(f)).contains(string(a[1].eval(f)));
            case "startsWith/2" -> f -> string(a[0].eval(f)).startsWith(string(a[1].eval(f)));
            case "endsWith/2" -> f -> string(a[0].eval(f)).endsWith(string(a[1].eval(f)));
            case "lowerAscii/1" -> f -> lowerAscii(string(a[0].eval(f)));
            case "replace/3" -> f -> string(a[0].eval(f)).replace(string(a[1].eval(f)), string(a[2].eval(f)));
            case "split/2" -> f -> split(string(a[0].eval(f)), string(a[1].eval(f)));
            case "join/2" -> f -> join(a[0].eval(f), string(a[1].eval(f)));
            case "lastIndexOf/2" -> f -> lastIndexOf(string(a[0].eval(f)), string(a[1].eval(f)));
            case "substring/3" -> f -> substring(string(a[0].eval(f)), a[1].eval(f), a[2].eval(f));
            case "matches/2" -> matches(a, argExprs.get(1));
            case "timestamp/1" -> f -> timestamp(a[0].eval(f));
            case "duration/1" -> f -> duration(a[0].eval(f));
            case "getHours/1" -> f -> {
                if (a[0].eval(f) instanceof Duration d) {
                    return d.toHours();
                }
                throw new Unsupported("getHours() of a timestamp");
            };
            default -> throw new Unsupported("function " + function + " with " + a.length + " argument(s)");
        };
    }

    private static boolean isOptionalField(CelExpr e) {
        return e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals("_?._")
                && e.call().args().size() == 2 && e.call().args().get(1).getKind() == CelExpr.ExprKind.Kind.CONSTANT;
    }

    /** {@code x.?f.orValue(d)}, the catalog's most common shape, in one node: no optional is built for a map. */
    private Node fieldOrValue(CelExpr.CelCall select, CelExpr otherwiseExpr) {
        Node operand = node(select.args().get(0));
        String field = select.args().get(1).constant().stringValue();
        Node otherwise = node(otherwiseExpr);
        return f -> {
            Object container = operand.eval(f);
            Object fallback = otherwise.eval(f); // a function's arguments are all evaluated, as dev.cel does
            if (container instanceof Map<?, ?> map) {
                Object v = map.get(field);
                if (v != null) {
                    return value(v);
                }
                return map.containsKey(field) ? throwing(new Unsupported("null value")) : fallback;
            }
            Optional<?> found = optional(optionalIndex(container, field));
            return found.isPresent() ? found.get() : fallback;
        };
    }

    /** {@code x in ['a', 'b']}: a set look-up for a string, CEL equality for anything else. */
    private Node inStrings(Node element, List<CelExpr> items) {
        Set<String> set = new HashSet<>();
        items.forEach(item -> set.add(item.constant().stringValue()));
        List<Object> list = List.copyOf(set);
        return f -> {
            Object x = element.eval(f);
            return x instanceof String s ? set.contains(s) : in(x, list);
        };
    }

    private Node[] nodes(List<CelExpr> exprs) {
        Node[] out = new Node[exprs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node(exprs.get(i));
        }
        return out;
    }

    private static Object[] evalAll(Node[] nodes, Frame f) {
        Object[] out = new Object[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            out[i] = nodes[i].eval(f);
        }
        return out;
    }

    // --- values

    /** A value read from the resource: the types {@link CelValues#normalize} produces, anything else goes to dev.cel. */
    private static Object value(Object v) {
        if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
                || v instanceof List<?> || v instanceof Map<?, ?>) {
            return v;
        }
        throw new Unsupported(v == null ? "null value" : "value of " + v.getClass().getName());
    }

    private static Object variable(Object v, String name) {
        if (v == null) {
            // dev.cel answers an unbound variable with an unknown value, not an error: let it
            throw new Unsupported("no value for variable " + name);
        }
        return v;
    }

    private static Object entry(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            if (m.containsKey(key)) {
                throw new Unsupported("null value");
            }
            throw new CelError("key '" + key + "' is not present in map.");
        }
        return value(v);
    }

    private static Object throwing(RuntimeException e) {
        throw e;
    }

    private static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new CelError("expected boolean value, found: " + v);
    }

    private static String string(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new CelError("no matching overload: expected a string, found " + v);
    }

    private static long integer(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        throw new CelError("no matching overload: expected an int, found " + v);
    }

    private static Optional<?> optional(Object v) {
        if (v instanceof Optional<?> o) {
            return o;
        }
        throw new Unsupported("optional function on a non-optional value");
    }

    // --- operators with CEL's error semantics

    private static Object nonStrict(Node n, Frame f) {
        try {
            return n.eval(f);
        } catch (CelError e) {
            return new Held(e);
        }
    }

    /** {@code &&} and {@code ||}: the deciding value wins over an error on the other side; a non-boolean is an error. */
    private static Object logical(Node left, Node right, boolean decider, Frame f) {
        Object l = booleanOrError(left, f);
        if (l instanceof Boolean b && b == decider) {
            return b;
        }
        Object r = booleanOrError(right, f);
        if (r instanceof Boolean b && b == decider) {
            return b;
        }
        if (l instanceof CelError e) {
            throw e;
        }
        if (r instanceof CelError e) {
            throw e;
        }
        return !decider;
    }

    private static Object booleanOrError(Node n, Frame f) {
        Object v;
        try {
            v = n.eval(f);
        } catch (CelError e) {
            return e;
        }
        if (v instanceof Boolean) {
            return v;
        }
        throw new CelError("expected boolean value, found: " + v);
    }

    private static Object notStrictlyFalse(Node n, Frame f) {
        try {
            return n.eval(f) instanceof Boolean b ? b : Boolean.TRUE;
        } catch (CelError e) {
            return Boolean.TRUE;
        }
    }

    /** CEL equality for the catalog's values; an int compared with a double goes to dev.cel. */
    static boolean equal(Object x, Object y) {
        if (x instanceof Double && y instanceof Long || x instanceof Long && y instanceof Double
                || x instanceof Optional<?> || y instanceof Optional<?>) {
            throw new Unsupported("equality of " + x.getClass().getSimpleName() + " and " + y.getClass().getSimpleName());
        }
        if (x instanceof List<?> a && y instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(value(a.get(i)), value(b.get(i)))) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof Map<?, ?> a && y instanceof Map<?, ?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : a.entrySet()) {
                Object other = b.get(entry.getKey());
                if (other == null || !equal(value(entry.getValue()), value(other))) {
                    return false;
                }
            }
            return true;
        }
        return x.equals(y);
    }

    private static boolean in(Object element, Object container) {
        if (container instanceof List<?> list) {
            for (Object item : list) {
                if (equal(element, value(item))) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Map<?, ?> map) {
            if (element instanceof String key) {
                return map.containsKey(key);
            }
            throw new Unsupported("non-string map key");
        }
        throw new CelError("no matching overload for 'in' on " + container);
    }

    private static int compare(Node[] a, Frame f) {
        Object x = a[0].eval(f);
        Object y = a[1].eval(f);
        if (x instanceof Duration d && y instanceof Duration e) {
            return d.compareTo(e);
        }
        if (x instanceof Instant t && y instanceof Instant u) {
            return t.compareTo(u);
        }
        return Long.compare(integer(x), integer(y));
    }

    private static Object subtract(Object x, Object y) {
        if (x instanceof Instant t && y instanceof Instant u) {
            return Duration.between(u, t);
        }
        if (x instanceof Instant || x instanceof Duration) {
            throw new Unsupported("timestamp or duration arithmetic");
        }
        return arithmetic('-', x, y);
    }

    private static Object add(Object x, Object y) {
        if (x instanceof String s && y instanceof String t) {
            return s.concat(t);
        }
        if (x instanceof List<?> s && y instanceof List<?> t) {
            List<Object> out = new ArrayList<>(s.size() + t.size());
            out.addAll(s);
            out.addAll(t);
            return out;
        }
        return arithmetic('+', x, y);
    }

    private static Object arithmetic(char op, Object x, Object y) {
        long a = integer(x);
        long b = integer(y);
        try {
            return switch (op) {
                case '+' -> Math.addExact(a, b);
                case '-' -> Math.subtractExact(a, b);
                case '*' -> Math.multiplyExact(a, b);
                default -> {
                    if (b == 0) {
                        throw new CelError("divide by zero");
                    }
                    yield Math.divideExact(a, b);
                }
            };
        } catch (ArithmeticException overflow) {
            throw new CelError("integer overflow");
        }
    }

    private static Object index(Object container, Object key) {
        if (container instanceof Map<?, ?> map && key instanceof String k) {
            return entry(map, k);
        }
        if (container instanceof List<?> list && key instanceof Long i) {
            if (i < 0 || i >= list.size()) {
                throw new CelError("index out of bounds: " + i);
            }
            return value(list.get(i.intValue()));
        }
        throw new Unsupported("index of " + container.getClass().getSimpleName() + " by " + key.getClass().getSimpleName());
    }

    private static Node optionalSelect(Node operand, CelExpr fieldExpr) {
        if (fieldExpr.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
            throw new Unsupported("optional select of a computed field");
        }
        String field = fieldExpr.constant().stringValue();
        return f -> optionalIndex(operand.eval(f), field);
    }

    /** {@code x.?f} and {@code x[?k]}: none when the key is absent; chains through an optional. */
    private static Object optionalIndex(Object container, Object key) {
        if (container instanceof Optional<?> o) {
            if (o.isEmpty()) {
                return o;
            }
            container = o.get();
        }
        if (container instanceof Map<?, ?> map && key instanceof String k) {
            Object v = map.get(k);
            if (v == null) {
                if (map.containsKey(k)) {
                    throw new Unsupported("null value");
                }
                return Optional.empty();
            }
            return Optional.of(value(v));
        }
        if (container instanceof List<?> list && key instanceof Long i) {
            return i >= 0 && i < list.size() ? Optional.of(value(list.get(i.intValue()))) : Optional.empty();
        }
        throw new Unsupported("optional index of " + container.getClass().getSimpleName());
    }

    // --- functions

    private static long size(Object v) {
        return switch (v) {
            case String s -> s.codePointCount(0, s.length());
            case List<?> l -> l.size();
            case Map<?, ?> m -> m.size();
            default -> throw new CelError("no matching overload for size on " + v);
        };
    }

    private static long toInt(Object v) {
        switch (v) {
            case Long l -> {
                return l;
            }
            case Double d -> {
                if (Double.isNaN(d) || d <= -0x1p63 || d >= 0x1p63) {
                    throw new CelError("double is out of range for int: " + d);
                }
                return d.longValue();
            }
            case String s -> {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw new CelError("cannot convert '" + s + "' to int");
                }
            }
            default -> throw new Unsupported("int() of " + v.getClass().getSimpleName());
        }
    }

    private static String toStringValue(Object v) {
        if (v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double) {
            return v.toString(); // as dev.cel's string(): Java's toString for these
        }
        throw new Unsupported("string() of " + v.getClass().getSimpleName());
    }

    private static CelKind kind(Object v) {
        return switch (v) {
            case Boolean b -> CelKind.BOOL;
            case Long l -> CelKind.INT;
            case Double d -> CelKind.DOUBLE;
            case String s -> CelKind.STRING;
            case List<?> l -> CelKind.LIST;
            case Map<?, ?> m -> CelKind.MAP;
            default -> throw new Unsupported("type() of " + v.getClass().getSimpleName());
        };
    }

    private static String lowerAscii(String s) {
        char[] out = s.toCharArray();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 'A' && out[i] <= 'Z') {
                out[i] = (char) (out[i] + ('a' - 'A'));
            }
        }
        return new String(out);
    }

    /** CEL's split: every separator counts (empty parts kept); an empty separator splits into characters. */
    private static List<Object> split(String s, String separator) {
        List<Object> out = new ArrayList<>();
        if (separator.isEmpty()) {
            s.codePoints().forEach(c -> out.add(Character.toString(c)));
            return out;
        }
        int from = 0;
        for (int at = s.indexOf(separator); at >= 0; at = s.indexOf(separator, from)) {
            out.add(s.substring(from, at));
            from = at + separator.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static String join(Object v, String separator) {
        if (!(v instanceof List<?> list)) {
            throw new CelError("no matching overload for join on " + v);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            if (!(list.get(i) instanceof String item)) {
                throw new Unsupported("join() of a list that is not all strings"); // dev.cel prints such items its own way
            }
            out.append(item);
        }
        return out.toString();
    }

    /** Indices are in code points, as CEL counts them. */
    private static long lastIndexOf(String s, String sub) {
        int at = s.lastIndexOf(sub);
        return at < 0 ? -1 : s.codePointCount(0, at);
    }

    private static String substring(String s, Object from, Object to) {
        long start = integer(from);
        long end = integer(to);
        int length = s.codePointCount(0, s.length());
        if (start < 0 || end > length || start > end) {
            throw new CelError("substring(" + start + ", " + end + ") out of range for a string of " + length);
        }
        return s.substring(s.offsetByCodePoints(0, (int) start), s.offsetByCodePoints(0, (int) end));
    }

    private static Instant timestamp(Object v) {
        if (v instanceof Instant t) {
            return t;
        }
        if (v instanceof String s && RFC3339.matcher(s).matches() && !s.startsWith("0000")) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeException e) {
                throw new Unsupported("timestamp() of " + s); // e.g. month 13: dev.cel words the error
            }
        }
        throw new Unsupported("timestamp() of " + v);
    }

    /** Whole hours, minutes or seconds (what the catalog builds, e.g. {@code '720h'}); other forms go to dev.cel. */
    private static Duration duration(Object v) {
        if (v instanceof String s && WHOLE_UNITS.matcher(s).matches()) {
            long amount = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 'h' -> Duration.ofHours(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        throw new Unsupported("duration() of " + v);
    }

    private Node matches(Node[] a, CelExpr patternExpr) {
        if (patternExpr.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
            throw new Unsupported("matches() with a computed pattern");
        }
        // dev.cel matches with RE2 (re2j), whole-string unless partial matching is enabled
        com.google.re2j.Pattern pattern = com.google.re2j.Pattern.compile(patternExpr.constant().stringValue());
        return f -> {
            com.google.re2j.Matcher m = pattern.matcher(string(a[0].eval(f)));
            return PARTIAL_REGEX ? m.find() : m.matches();
        };
    }
}

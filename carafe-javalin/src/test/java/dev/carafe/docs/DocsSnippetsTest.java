package dev.carafe.docs;

import dev.carafe.Carafe;
import dev.carafe.Query;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compiles every {@code ```java} block of README.md and docs/*.md against the real API, so the
 * documentation cannot drift from the code. It lives in carafe-javalin, whose test classpath has
 * carafe-core, carafe-servlet, Javalin (with Jetty) and Jackson, so the web pages compile too.
 *
 * <p>Rules, per page:
 * <ul>
 *   <li>A block with a line that starts, at column 0, with an annotation or a type declaration
 *       ({@code public class}, {@code class}, {@code record}, {@code interface}, {@code enum}) is a
 *       compilation unit. When it declares several top-level types, each becomes a file of its own.
 *   <li>Any other block is the body of {@code void snippet(Carafe db) throws Exception} in a class
 *       of its own; a block that declares {@code Carafe db} itself gets a method without the parameter.
 *   <li>Every file starts with {@link #HEADER}, which imports only {@code Carafe}; a block imports
 *       everything else it uses, so every snippet shows its imports.
 *   <li>All blocks of one page are compiled together, so a page's entities serve its other blocks.
 *   <li>{@code ```java no-compile} blocks are reported as skipped.
 * </ul>
 * Snippets are compiled with the build's own lint flags, warnings being errors.
 */
class DocsSnippetsTest {
    /**
     * What every file starts with: the one type a method-body block is given ({@code Carafe db}).
     * Everything else a block uses, it imports itself, as a reader copying it must.
     */
    static final String HEADER = "import dev.carafe.Carafe;\n";

    /** The same lint flags as the compiler plugin in the root pom.xml. */
    private static final List<String> LINT = List.of("-Xlint:all,-processing,-serial,-try", "-Werror");

    private static final Pattern OPENING_FENCE = Pattern.compile("^(\\s*)(`{3,})\\s*([\\w+-]*)\\s*(.*)$");
    private static final Pattern TYPE_START = Pattern.compile(
            "^(@|((public|abstract|final|sealed|non-sealed|strictfp)\\s+)*(class|record|interface|enum)\\s)");
    private static final Pattern TYPE_NAME = Pattern.compile(
            "(?m)^(?:(?:public|abstract|final|sealed|non-sealed|strictfp)\\s+)*(?:class|record|interface|enum|@interface)\\s+(\\w+)");
    private static final Pattern DECLARES_DB = Pattern.compile("\\bCarafe\\s+db\\s*=");

    @TestFactory
    Stream<DynamicNode> everyJavaBlockOfTheDocsCompiles(@TempDir Path output) throws IOException {
        Path root = repositoryRoot();
        List<Path> pages = new ArrayList<>();
        Path readme = root.resolve("README.md");
        if (!Files.isRegularFile(readme)) fail("No README.md in " + root);
        pages.add(readme);
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.list(docs)) {
                files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
            }
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path page : pages) {
            String name = root.relativize(page).toString().replace('\\', '/');
            List<Block> blocks = Block.extract(Files.readAllLines(page, StandardCharsets.UTF_8));
            Path pageOutput = Files.createDirectories(output.resolve(name.replaceAll("[^A-Za-z0-9]", "_")));
            nodes.add(PageCompilation.of(name, blocks, pageOutput).tests());
        }
        return nodes.stream();
    }

    /** Walks up from the working directory to the checkout's root: the one with .git, else the topmost pom.xml. */
    static Path repositoryRoot() {
        Path topmostPom = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git")) && Files.isRegularFile(dir.resolve("pom.xml"))) return dir;
            if (Files.isRegularFile(dir.resolve("pom.xml"))) topmostPom = dir;
        }
        assertNotNull(topmostPom, "No pom.xml above " + Path.of("").toAbsolutePath());
        return topmostPom;
    }

    /**
     * One fenced java block.
     *
     * @param number its number among the page's java blocks, from 1
     * @param line the page line of its first code line, from 1
     * @param lines its code lines, without the fence's indentation
     * @param compiled false for {@code no-compile} blocks
     */
    record Block(int number, int line, List<String> lines, boolean compiled) {
        static List<Block> extract(List<String> pageLines) {
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < pageLines.size(); i++) {
                Matcher fence = OPENING_FENCE.matcher(pageLines.get(i));
                if (!fence.matches()) continue;
                String indent = fence.group(1);
                String ticks = fence.group(2);
                int start = i + 1;
                int end = start;
                while (end < pageLines.size() && !pageLines.get(end).strip().startsWith(ticks)) end++;
                if (fence.group(3).equals("java")) {
                    List<String> code = new ArrayList<>();
                    for (String line : pageLines.subList(start, end)) {
                        code.add(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading());
                    }
                    boolean compiled = !fence.group(4).contains("no-compile");
                    blocks.add(new Block(blocks.size() + 1, start + 1, code, compiled));
                }
                i = end;
            }
            return blocks;
        }

        /** The standard header followed by the block's own import lines. */
        String header() {
            StringBuilder header = new StringBuilder(HEADER);
            for (String line : lines) {
                if (line.startsWith("import ")) header.append(line).append('\n');
            }
            return header.toString();
        }

        /** The block's lines with import and package lines blanked, so line numbers stay aligned with the page. */
        List<String> code() {
            return lines.stream().map(line -> line.startsWith("import ") || line.startsWith("package ") ? "" : line).toList();
        }

        boolean declaresTypes() {
            return lines.stream().anyMatch(line -> TYPE_START.matcher(line).find());
        }

        String label() {
            return "block " + number + " (line " + line + ")";
        }
    }

    /**
     * A generated source file, made from the lines {@code [from, from + count)} of one block.
     */
    static final class Unit extends SimpleJavaFileObject {
        final Block block;
        final String source;
        final int headerLines;
        final int from;

        Unit(Block block, String fileName, String source, int headerLines, int from) {
            super(URI.create("string:///block" + block.number() + "/" + fileName + ".java"), Kind.SOURCE);
            this.block = block;
            this.source = source;
            this.headerLines = headerLines;
            this.from = from;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }

        /** Describes a diagnostic at a line of this file by the page line and code it comes from. */
        String describe(String page, long fileLine, String message) {
            if (fileLine == Diagnostic.NOPOS) return page + ": " + message;
            long blockLine = fileLine - headerLines - 1;
            if (blockLine < 0) return page + ", generated header of " + block.label() + ": " + message;
            int index = (int) (from + blockLine);
            return page + ":" + (block.line() + index) + ": " + message + "\n    " + block.lines().get(index).strip();
        }
    }

    /** Compiles one page's blocks in one javac run and turns the result into one test per block. */
    static final class PageCompilation {
        private final String page;
        private final List<Block> blocks;
        private final Map<Block, List<String>> problems = new LinkedHashMap<>();
        private final List<String> pageProblems = new ArrayList<>();
        private boolean succeeded;

        private PageCompilation(String page, List<Block> blocks) {
            this.page = page;
            this.blocks = blocks;
        }

        static PageCompilation of(String page, List<Block> blocks, Path output) throws IOException {
            PageCompilation compilation = new PageCompilation(page, blocks);
            compilation.compile(output);
            return compilation;
        }

        private void compile(Path output) throws IOException {
            List<Unit> units = new ArrayList<>();
            for (Block block : blocks) {
                if (!block.compiled()) continue;
                problems.put(block, new ArrayList<>());
                units.addAll(block.declaresTypes() ? typeUnits(block) : List.of(methodUnit(block)));
            }
            if (units.isEmpty()) {
                succeeded = true;
                return;
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            assertNotNull(compiler, "No Java compiler: run the tests on a JDK, not a JRE.");
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            List<String> options = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                    "-d", output.toString(), "--release", "17", "-proc:none"));
            options.addAll(LINT);
            try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                succeeded = compiler.getTask(null, files, diagnostics, options, null, units).call();
            }
            for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
                if (diagnostic.getKind() == Diagnostic.Kind.NOTE || diagnostic.getKind() == Diagnostic.Kind.OTHER) continue;
                String message = diagnostic.getKind().toString().toLowerCase(Locale.ROOT) + ": "
                        + diagnostic.getMessage(Locale.ROOT);
                if (diagnostic.getSource() instanceof Unit unit) {
                    problems.get(unit.block).add(unit.describe(page, diagnostic.getLineNumber(), message));
                } else {
                    pageProblems.add(message);
                }
            }
        }

        /** Splits a block into one file per top-level type; its import lines go to every file's header. */
        private static List<Unit> typeUnits(Block block) {
            List<String> code = block.code();
            List<Unit> units = new ArrayList<>();
            TypeBodyScanner scanner = new TypeBodyScanner();
            int from = 0;
            for (int i = 0; i < code.size(); i++) {
                String line = code.get(i);
                if (scanner.typeClosed() && !line.isBlank()) {
                    units.add(typeUnit(block, from, i));
                    from = i;
                    scanner = new TypeBodyScanner();
                }
                scanner.scan(line);
            }
            units.add(typeUnit(block, from, code.size()));
            return units;
        }

        private static Unit typeUnit(Block block, int from, int to) {
            String body = String.join("\n", block.code().subList(from, to));
            Matcher name = TYPE_NAME.matcher(body);
            String fileName = name.find() ? name.group(1) : "Unit" + from;
            String header = block.header();
            return new Unit(block, fileName, header + body + "\n", lineCount(header), from);
        }

        private static Unit methodUnit(Block block) {
            String body = String.join("\n", block.code());
            String parameter = DECLARES_DB.matcher(body).find() ? "" : "Carafe db";
            String className = "Snippet" + block.number();
            String header = block.header()
                    + "class " + className + " {\n"
                    + "    void snippet(" + parameter + ") throws Exception {\n";
            return new Unit(block, className, header + body + "\n    }\n}\n", lineCount(header), 0);
        }

        private static int lineCount(String text) {
            return (int) text.chars().filter(c -> c == '\n').count();
        }

        DynamicContainer tests() {
            List<DynamicNode> tests = new ArrayList<>();
            for (Block block : blocks) {
                tests.add(DynamicTest.dynamicTest(block.label(), () -> {
                    if (!block.compiled()) Assumptions.abort("marked no-compile");
                    List<String> found = problems.get(block);
                    if (!found.isEmpty()) {
                        fail(page + ", java " + block.label() + " does not compile:\n" + String.join("\n", found));
                    }
                }));
            }
            tests.add(DynamicTest.dynamicTest("the page compiles as a whole", () -> {
                if (!succeeded) {
                    fail(page + " does not compile: " + (pageProblems.isEmpty()
                            ? "see the failures of its blocks" : String.join("\n", pageProblems)));
                }
            }));
            return DynamicContainer.dynamicContainer(page, tests);
        }
    }

    /**
     * Follows braces, parentheses, literals and comments line by line to tell when a top-level
     * type's body has closed; braces inside parentheses (annotation arrays) do not count.
     */
    static final class TypeBodyScanner {
        private int braces;
        private int parentheses;
        private boolean inComment;
        private boolean bodySeen;

        boolean typeClosed() {
            return bodySeen && braces == 0;
        }

        void scan(String line) {
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
                if (inComment) {
                    if (c == '*' && next == '/') {
                        inComment = false;
                        i++;
                    }
                } else if (quote != 0) {
                    if (c == '\\') i++;
                    else if (c == quote) quote = 0;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '/' && next == '/') {
                    return;
                } else if (c == '/' && next == '*') {
                    inComment = true;
                    i++;
                } else if (c == '(') {
                    parentheses++;
                } else if (c == ')') {
                    parentheses--;
                } else if (c == '{') {
                    if (braces == 0 && parentheses == 0) bodySeen = true;
                    braces++;
                } else if (c == '}') {
                    braces--;
                }
            }
        }
    }
}

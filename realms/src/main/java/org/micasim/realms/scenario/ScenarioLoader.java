package org.micasim.realms.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads scenario files (docs/scenarios.md) from disk or from the bundled set, binds them with Jackson
 * (unknown fields are errors), and checks them with {@link ScenarioChecker}. Every problem becomes a
 * {@link ScenarioException} naming the file and the place.
 */
public final class ScenarioLoader {
    /** The scenario {@code mica run} uses when given none. */
    public static final String DEFAULT_SCENARIO = "guard-railed-inference";
    private static final String BUNDLE = "/org/micasim/realms/scenarios/";

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final ScenarioChecker checker;

    public ScenarioLoader(ScenarioChecker checker) {
        this.checker = checker;
    }

    /** One bundled scenario with its one-line description. */
    public record Bundled(String name, String description) {
    }

    /**
     * Loads {@code nameOrPath}: a bundled scenario if one has that name, else a file. A name that is
     * neither gives the list of bundled names.
     */
    public Scenario load(String nameOrPath) throws ScenarioException {
        if (bundledNames().contains(nameOrPath)) {
            return loadBundled(nameOrPath);
        }
        Path p = Path.of(nameOrPath);
        if (Files.isRegularFile(p)) {
            return loadFile(p);
        }
        throw new ScenarioException("no bundled scenario or file called '" + nameOrPath + "' (bundled: "
                + String.join(", ", bundledNames()) + ")");
    }

    /** Loads a scenario file; its policy paths are relative to its directory. */
    public Scenario loadFile(Path file) throws ScenarioException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), policy -> {
            Path p = dir.resolve(policy);
            try {
                return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** Loads the bundled scenario {@code name}. */
    public Scenario loadBundled(String name) throws ScenarioException {
        String text = loadBundledText(name);
        return parse(text, "bundled:" + name, policy -> resource(BUNDLE + policy));
    }

    /** The text of the bundled scenario {@code name} (for `mica scenarios --show` and as a template). */
    public String loadBundledText(String name) throws ScenarioException {
        String text = resource(BUNDLE + name + ".json");
        if (text == null) {
            throw new ScenarioException("no bundled scenario called '" + name + "' (bundled: " + String.join(", ", bundledNames()) + ")");
        }
        return text;
    }

    /** Parses and checks scenario JSON; {@code source} names it in messages. */
    public Scenario parse(String json, String source, ScenarioChecker.PolicyReader policies) throws ScenarioException {
        ScenarioFile file;
        try {
            file = mapper.readValue(json, ScenarioFile.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(source + where(e.getLocation()) + ": " + describe(e));
        }
        if (file == null) {
            throw new ScenarioException(source + ": the file holds no scenario object");
        }
        return checker.check(file, source, policies);
    }

    /** The bundled scenarios, in the order of the bundle's index, each with its description. */
    public List<Bundled> bundled() throws ScenarioException {
        List<Bundled> out = new ArrayList<>();
        for (String name : bundledNames()) {
            Scenario s = loadBundled(name);
            out.add(new Bundled(name, s.description()));
        }
        return out;
    }

    /** Names listed in the bundle's index. */
    public List<String> bundledNames() {
        String index = resource(BUNDLE + "index.txt");
        List<String> names = new ArrayList<>();
        if (index != null) {
            for (String line : index.split("\n")) {
                String n = line.trim();
                if (!n.isEmpty() && !n.startsWith("#")) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    private static String resource(String path) {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static String where(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }

    /** Jackson's message without its source excerpt and Java type names, plus the field path. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            for (Object k : u.getKnownPropertyIds()) {
                known.add(k.toString());
            }
            java.util.Collections.sort(known);
            return "unknown field '" + u.getPropertyName() + "'" + at(u.getPath().subList(0, u.getPath().size() - 1)) + " (known: " + String.join(", ", known) + ")";
        }
        String msg = e.getOriginalMessage();
        if (e instanceof JsonMappingException m) {
            Throwable cause = m.getCause();
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                msg = cause.getMessage();
            } else {
                msg = msg.replaceAll("`[a-zA-Z0-9_.$]+\\.([A-Za-z]+)`", "$1")
                        .replaceAll("\\(class [^)]*\\)", "")
                        .replaceAll("java\\.lang\\.|java\\.util\\.", "");
                int cut = msg.indexOf(": no String-argument");
                if (cut > 0) {
                    msg = msg.substring(0, cut);
                }
            }
            return msg + at(m.getPath());
        }
        return msg;
    }

    private static String at(List<JsonMappingException.Reference> refs) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : " at " + path;
    }
}

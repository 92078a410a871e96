import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Strict structural validation of rendered Kubernetes objects against the models the Kubernetes Java client generates
 * from the API server's OpenAPI document (client-java-api 24 = Kubernetes 1.32): an unknown or misspelt field anywhere
 * in the object, a missing required field or a wrong JSON type fails, like `kubeconform -strict`.
 * Input: a JSON array of objects (infra/checks/k8s-check.sh converts the rendered YAML). Custom resources (apiVersion
 * outside the core API groups) are reported as not covered; kubernetes-models validates those.
 */
public class StrictK8sValidator {
    public static void main(String[] args) throws Exception {
        int valid = 0, invalid = 0, notCovered = 0;
        for (String file : args) {
            JsonArray objects = JsonParser.parseString(Files.readString(Path.of(file))).getAsJsonArray();
            for (JsonElement element : objects) {
                JsonObject object = element.getAsJsonObject();
                String apiVersion = object.get("apiVersion").getAsString();
                String kind = object.get("kind").getAsString();
                String name = object.getAsJsonObject("metadata").get("name").getAsString();
                String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
                String className = "io.kubernetes.client.openapi.models."
                        + Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind;
                Class<?> model;
                try {
                    model = Class.forName(className);
                } catch (ClassNotFoundException e) {
                    if (apiVersion.contains(".") && !apiVersion.contains("k8s.io")) {
                        System.out.println("not covered (custom resource): " + apiVersion + " " + kind + "/" + name);
                        notCovered++;
                        continue;
                    }
                    System.out.println("INVALID " + file + ": " + kind + "/" + name + ": no model " + className);
                    invalid++;
                    continue;
                }
                Method validate = model.getMethod("validateJsonElement", JsonElement.class);
                try {
                    validate.invoke(null, object);
                    valid++;
                } catch (InvocationTargetException e) {
                    System.out.println("INVALID " + file + ": " + kind + "/" + name + ": " + e.getCause().getMessage());
                    invalid++;
                }
            }
        }
        System.out.println(valid + " valid, " + invalid + " invalid, " + notCovered + " custom resources not covered");
        System.exit(invalid == 0 && valid > 0 ? 0 : 1);
    }
}

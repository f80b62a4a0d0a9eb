package dev.ordinal.kube;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.constructor.ConstructYamlNull;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.ConstructorException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.NodeType;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * snakeyaml-engine set up to read YAML as kubectl does (see {@link KubectlScalars}): a schema whose
 * resolver and scalar constructor follow go-yaml v2, tags on mappings and sequences ignored ({@code
 * !!set}, {@code !!omap} and local tags give plain mappings and lists, as in kubectl), and merge
 * keys ({@code <<}) with one guard: where kubectl's merge (the later entry wins) and YAML's (the
 * mapping's own keys win) give different values, the document is rejected.
 */
final class KubectlYaml {

  private KubectlYaml() {}

  /** The schema: kubectl's implicit tags, and one constructor for every scalar. */
  static final Schema SCHEMA =
      new Schema() {
        @Override
        public ScalarResolver getScalarResolver() {
          return (value, implicit) -> implicit ? KubectlScalars.tagOf(value) : Tag.STR;
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
          // Only the empty document is constructed without a lookup by node kind.
          return Map.of(Tag.NULL, new ConstructYamlNull());
        }
      };

  /**
   * Returns the values of the documents of a stream, one by one, as {@code Load} would with these
   * settings, which must use {@link #SCHEMA}.
   */
  static Iterator<Object> documents(LoadSettings settings, String yaml) {
    Composer composer =
        new MergeCheckingComposer(
            settings, new ParserImpl(settings, new StreamReader(settings, yaml)));
    Constructor constructor = new Constructor(settings);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return composer.hasNext();
      }

      @Override
      public Object next() {
        return constructor.constructSingleDocument(Optional.of(composer.next()));
      }
    };
  }

  /** Builds values by node kind for collections and by {@link KubectlScalars} for scalars. */
  private static final class Constructor extends StandardConstructor {
    private final ConstructNode scalar =
        node -> {
          try {
            return KubectlScalars.value(node.getTag(), ((ScalarNode) node).getValue());
          } catch (KubectlScalars.BadTag e) {
            throw new ConstructorException(
                null, Optional.empty(), e.getMessage(), node.getStartMark());
          }
        };

    Constructor(LoadSettings settings) {
      super(settings);
    }

    @Override
    protected Optional<ConstructNode> findConstructorFor(Node node) {
      if (node.getNodeType() == NodeType.MAPPING) {
        return Optional.of(tagConstructors.get(Tag.MAP));
      }
      if (node.getNodeType() == NodeType.SEQUENCE) {
        return Optional.of(tagConstructors.get(Tag.SEQ));
      }
      return Optional.of(scalar);
    }
  }

  /**
   * Rejects a merge that kubectl and YAML resolve differently: a {@code <<} whose maps set a key
   * the mapping already set before it (by its own entry or an earlier {@code <<}). go-yaml applies
   * entries in order, so the merged value wins; YAML says the mapping's own value wins.
   */
  private static final class MergeCheckingComposer extends Composer {
    MergeCheckingComposer(LoadSettings settings, ParserImpl parser) {
      super(settings, parser);
    }

    @Override
    protected void composeMappingChildren(List<NodeTuple> children, MappingNode node) {
      super.composeMappingChildren(children, node);
      NodeTuple added = children.get(children.size() - 1);
      if (!added.getKeyNode().getTag().equals(Tag.MERGE)) {
        return;
      }
      Set<String> before = new HashSet<>();
      for (NodeTuple t : children.subList(0, children.size() - 1)) {
        keysOf(t, before);
      }
      Set<String> merged = new HashSet<>();
      keysOf(added, merged);
      for (String key : merged) {
        if (before.contains(key)) {
          throw new ComposerException(
              "while merging a mapping",
              node.getStartMark(),
              Problems.quote(key)
                  + " is set before the merge key \"<<\" and by it: kubectl keeps the merged"
                  + " value, YAML the first; put \"<<\" first",
              added.getKeyNode().getStartMark());
        }
      }
    }

    /** Adds the keys an entry sets: its own key, or every key of the maps it merges. */
    private static void keysOf(NodeTuple t, Set<String> out) {
      Node key = t.getKeyNode();
      if (!key.getTag().equals(Tag.MERGE)) {
        if (key instanceof ScalarNode) {
          out.add(((ScalarNode) key).getValue());
        }
        return;
      }
      Node value = t.getValueNode();
      List<Node> maps = value instanceof SequenceNode ? ((SequenceNode) value).getValue() : null;
      for (Node m : maps == null ? List.of(value) : maps) {
        if (m instanceof MappingNode) {
          for (NodeTuple inner : ((MappingNode) m).getValue()) {
            keysOf(inner, out);
          }
        }
      }
    }
  }
}

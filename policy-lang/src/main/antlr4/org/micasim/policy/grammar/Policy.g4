/*
 * The Mica policy language (mica.md section 4.2) and mica-sim pipeline files.
 *
 * A policy is a JSON-like object with comments and hex integers; which keys an object may hold is
 * checked after parsing (org.micasim.policy.parse.PolicyReader), so that an unknown key gets a
 * message naming the keys that are allowed instead of a token list. A pipeline file names several
 * realms' policies (by path or inline) and flow assertions.
 *
 * No actions, no semantic predicates; every alternative is labelled.
 */
grammar Policy;

policyFile
    : body=object EOF
    ;

pipelineFile
    : header=pipelineHeader? items+=pipelineItem* EOF
    ;

pipelineHeader
    : PIPELINE name=STRING
    ;

pipelineItem
    : REALM name=IDENT path=STRING                                                #realmByPath
    | REALM name=IDENT inline=object                                              #realmInline
    | ASSERT kind=flowKind source=IDENT ARROW target=IDENT (BYPASSING via=IDENT)? #flowAssertion
    ;

flowKind
    : NO_FLOW #noFlow
    | FLOW    #someFlow
    ;

object
    : LBRACE (members+=member (COMMA members+=member)*)? RBRACE
    ;

member
    : key=STRING COLON val=value
    ;

array
    : LBRACKET (elements+=value (COMMA elements+=value)*)? RBRACKET
    ;

value
    : object #objectValue
    | array  #arrayValue
    | STRING #stringValue
    | INT    #intValue
    | TRUE   #trueValue
    | FALSE  #falseValue
    ;

LBRACE    : '{' ;
RBRACE    : '}' ;
LBRACKET  : '[' ;
RBRACKET  : ']' ;
COMMA     : ',' ;
COLON     : ':' ;
ARROW     : '->' ;
TRUE      : 'true' ;
FALSE     : 'false' ;
PIPELINE  : 'pipeline' ;
REALM     : 'realm' ;
ASSERT    : 'assert' ;
NO_FLOW   : 'no-flow' ;
FLOW      : 'flow' ;
BYPASSING : 'bypassing' ;

INT
    : '-'? '0' [xX] [0-9a-fA-F]+
    | '-'? [0-9]+
    ;

IDENT
    : [A-Za-z_] [A-Za-z0-9_]*
    ;

STRING
    : '"' (ESCAPE | ~["\\\r\n])* '"'
    ;

fragment ESCAPE
    : '\\' ["\\/bfnrt]
    | '\\u' [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F]
    ;

LINE_COMMENT
    : '//' ~[\r\n]* -> skip
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> skip
    ;

WS
    : [ \t\r\n\f\uFEFF]+ -> skip
    ;

// The tokens below never appear in a parser rule: they exist so that the lexer never fails and the
// parser reports them with a precise message. Each is one character shorter than its well-formed
// counterpart, so longest-match picks the well-formed token whenever there is one.
UNTERMINATED_STRING
    : '"' (ESCAPE | ~["\\\r\n])*
    ;

UNTERMINATED_COMMENT
    : '/*' (~'*' | '*'+ ~[*/])* '*'*
    ;

UNEXPECTED_CHAR
    : .
    ;

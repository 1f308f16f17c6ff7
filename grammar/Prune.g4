// The .prune language: depth-pruning recipes, block transforms and merge rules.
//
// Statements end at the next statement's keyword; a ';' between them is allowed and never required.
// Keywords are soft: each one may also be used as a name (a call such as `step(...)`, a stage `baseline`).
// Every section accepts an `unknownStatement` last, so that a misspelt setting reaches the checker, which
// can name the setting it expected, instead of stopping the parse.
grammar Prune;

// ---------------------------------------------------------------- file

file
    : header? importDecl* topDecl* EOF
    ;

header
    : 'prune' INT
    ;

// A value on its own, as `--set path=value` gives it on the command line.
standaloneExpr
    : expr EOF
    ;

importDecl
    : 'import' (qualifiedName | STRING) ('as' name)? ';'?
    ;

topDecl
    : letDecl ';'?
    | recipeDecl
    | transformDecl
    | rulesDecl
    | experimentDecl
    ;

letDecl
    : 'let' name '=' expr
    ;

// ---------------------------------------------------------------- recipe

recipeDecl
    : 'recipe' name '{' recipeItem* '}'
    ;

recipeItem
    : ( seedStatement
      | letDecl
      | modelSection
      | dataSection
      | trainSection
      | spaceSection
      | searchSection
      | mergeStatement
      | exportSection
      | runtimeSection
      | unknownStatement
      ) ';'?
    ;

seedStatement
    : 'seed' expr
    ;

modelSection
    : 'model' call '{' (modelStatement ';'?)* '}'
    ;

modelStatement
    : 'input' expr
    | 'classes' expr
    | 'weights' expr
    | unknownStatement
    ;

dataSection
    : 'data' call ('{' (dataStatement ';'?)* '}')?
    ;

dataStatement
    : 'batch' expr
    | 'val' expr ('from' name)?
    | 'augment' exprList
    | 'preprocess' exprList
    | 'workers' expr
    | unknownStatement
    ;

trainSection
    : 'train' name '{' (trainStatement ';'?)* '}'
    ;

trainStatement
    : 'epochs' expr
    | 'steps' expr
    | 'until' expr
    | 'optimizer' expr
    | 'schedule' expr
    | 'sample' expr
    | 'progressive' expr
    | 'label_smoothing' expr
    | 'clip_grad' expr
    | 'init' expr
    | 'seed' expr
    | unknownStatement
    ;

spaceSection
    : 'space' '{' (spaceStatement ';'?)* '}'
    ;

spaceStatement
    : 'blocks' selectors=exprList ('except' excluded=exprList)?
    | 'prune' count=expr ('..' upper=expr)? ('where' condition ('and' condition)*)?
    | 'transform' qualifiedName
    | unknownStatement
    ;

condition
    : name comparison expr
    ;

comparison
    : '<=' | '<' | '>=' | '>' | '=='
    ;

searchSection
    : 'search' name ('{' (searchStatement ';'?)* '}')?
    ;

searchStatement
    : 'population' expr
    | 'generations' expr
    | 'mutation' expr
    | 'score' name 'on' name
    | 'batches' expr
    | 'recalibrate' expr
    | 'seed' expr
    | unknownStatement
    ;

mergeStatement
    : 'merge' qualifiedName
    ;

exportSection
    : 'export' call ('{' (exportStatement ';'?)* '}')?
    ;

exportStatement
    : 'opset' expr
    | 'verify' 'atol' expr
    | 'bench' 'batch' expr
    | 'runs' expr
    | unknownStatement
    ;

runtimeSection
    : 'runtime' '{' (runtimeStatement ';'?)* '}'
    ;

runtimeStatement
    : 'device' expr
    | 'provider' expr
    | 'threads' expr
    | 'fallback' expr
    | 'executor' expr
    | unknownStatement
    ;

// A setting that no rule above knows; the checker reports it with the nearest valid name.
unknownStatement
    : IDENTIFIER exprList?
    ;

// ---------------------------------------------------------------- experiments

// experiment convnext_p8 on convnext_p8 { seeds 1, 2, 3; variant direct { train.subnet.progressive = immediate } ... }
experimentDecl
    : 'experiment' name 'on' qualifiedName '{' (experimentItem ';'?)* '}'
    ;

experimentItem
    : 'seeds' exprList ('for' qualifiedName (',' qualifiedName)*)?
    | 'variant' name '{' (variantItem ';'?)* '}'
    | 'control' name
    | 'compare' left=name '-' right=name 'on' split=name metric=name 'paired'
    ;

// An override reads like `--set path=value`, and is checked the same way.
variantItem
    : qualifiedName '=' expr
    | 'draws' expr
    | 'macs' 'within' expr 'of' name
    ;

// ---------------------------------------------------------------- transforms and merge rules

transformDecl
    : 'transform' name '{' (directive ';'?)* '}'
    ;

rulesDecl
    : 'rules' name '{' (directive ';'?)* '}'
    ;

// replace relu, gelu -> identity progressively
// compose conv, linear where macs <= 1.5 x
directive
    : verb=name targets=nameList ('->' replacement=name)? progressively='progressively'?
      ('where' condition ('and' condition)*)?
    ;

nameList
    : name (',' name)*
    ;

// ---------------------------------------------------------------- expressions

exprList
    : expr (',' expr)*
    ;

expr
    : '-' expr                                   # negate
    | left=expr op=('*' | '/') right=expr        # multiply
    | left=expr op=('+' | '-') right=expr        # add
    | primary                                    # atom
    ;

primary
    : number unit?                               # quantity
    | STRING                                     # string
    | '[' (exprList ','?)? ']'                   # list
    | call                                       # callOrName
    | '(' expr ')'                               # parenthesized
    ;

number
    : INT
    | FLOAT
    ;

// `0.8 x baseline` reads as a ratio to the baseline; `1.5 x` inside merge rules, to the block before merging.
unit
    : 'epochs' | 'epoch' | 'steps' | 'step' | 'x' 'baseline'? | 'ms' | '%' | 'batches'
    ;

// A bare name (`cpu`, `uniform`, `updp.merge`) is a call without arguments.
call
    : qualifiedName ('(' (argument (',' argument)* ','?)? ')')?
    ;

argument
    : (name ':')? expr
    ;

qualifiedName
    : name ('.' name)*
    ;

name
    : IDENTIFIER
    | softKeyword
    ;

softKeyword
    : 'prune' | 'import' | 'as' | 'let' | 'recipe' | 'seed' | 'model' | 'input' | 'classes' | 'weights'
    | 'data' | 'batch' | 'val' | 'from' | 'augment' | 'preprocess' | 'workers'
    | 'train' | 'epochs' | 'epoch' | 'steps' | 'step' | 'optimizer' | 'schedule' | 'sample' | 'progressive'
    | 'label_smoothing' | 'clip_grad' | 'space' | 'blocks' | 'except' | 'where' | 'and' | 'transform'
    | 'search' | 'population' | 'generations' | 'mutation' | 'score' | 'on' | 'batches' | 'merge'
    | 'export' | 'opset' | 'verify' | 'atol' | 'bench' | 'runs' | 'runtime' | 'device' | 'provider'
    | 'threads' | 'fallback' | 'executor' | 'rules' | 'progressively' | 'x' | 'baseline' | 'ms'
    | 'init' | 'recalibrate' | 'experiment' | 'seeds' | 'for' | 'variant' | 'control' | 'compare' | 'paired'
    | 'draws' | 'macs' | 'within' | 'of' | 'until'
    ;

// ---------------------------------------------------------------- tokens

INT
    : DIGIT+
    ;

// A fraction needs a digit after the dot, so that `2..6` reads as a range.
FLOAT
    : DIGIT+ '.' DIGIT+ EXPONENT?
    | DIGIT+ EXPONENT
    ;

STRING
    : '"' (~["\\\r\n] | '\\' ["\\nrt])* '"'
    ;

IDENTIFIER
    : [a-zA-Z_] [a-zA-Z_0-9]*
    ;

LINE_COMMENT
    : '//' ~[\r\n]* -> channel(HIDDEN)
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> channel(HIDDEN)
    ;

WHITESPACE
    : [ \t\r\n]+ -> channel(HIDDEN)
    ;

// Malformed text becomes tokens too, so that the parser reports it where it stands.
UNTERMINATED_STRING
    : '"' (~["\\\r\n] | '\\' .)*
    ;

// Matches only text without a closing '*/': the lexer prefers the longest match, and a closed
// comment must stay a BLOCK_COMMENT.
UNTERMINATED_COMMENT
    : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF
    ;

// Anything else becomes one token, so that the parser, not the lexer, reports it with its position.
UNEXPECTED_CHAR
    : .
    ;

fragment DIGIT
    : [0-9]
    ;

fragment EXPONENT
    : [eE] [+-]? DIGIT+
    ;

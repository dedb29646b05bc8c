import { createRequire as __orasCreateRequire } from "node:module";
const require = __orasCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target2, all) => {
  for (var name in all)
    __defProp(target2, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target2) => (target2 = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target2, "default", { value: mod, enumerable: true }) : target2,
  mod
));

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code, message) {
        super(message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code;
        this.exitCode = exitCode;
        this.nestedError = void 0;
      }
    };
    var InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message) {
        super(1, "commander.invalidArgument", message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || "";
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case "<":
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith("...")) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
    function humanReadableArgName(arg) {
      const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports.Argument = Argument2;
    exports.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports) {
    var { humanReadableArgName } = require_argument();
    var Help2 = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd.createOption(helpOption.long, helpOption.description)
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd.createOption(helpOption.short, helpOption.description)
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command2) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleSubcommandTerm(helper.subcommandTerm(command2))
            )
          );
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleArgumentTerm(helper.argumentTerm(argument))
            )
          );
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + "|" + cmd._aliases[0];
        }
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading), ...items, ""];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) result.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) {
            result.set(group, []);
          }
          result.get(group).push(item);
        });
        return result;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output = output.concat([
            helper.boxWrap(
              helper.styleCommandDescription(commandDescription),
              helpWidth
            ),
            ""
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument))
          );
        });
        output = output.concat(
          this.formatItemList("Arguments:", argumentList, helper)
        );
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? "Options:"
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(
            this.formatItemList("Global Options:", globalOptionList, helper)
          );
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || "Commands:"
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub))
            );
          });
          output = output.concat(this.formatItemList(group, commandList, helper));
        });
        return output.join("\n");
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str2) {
        return stripColor(str2).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str2) {
        return str2;
      }
      styleUsage(str2) {
        return str2.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word === "[command]") return this.styleSubcommandText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleCommandText(word);
        }).join(" ");
      }
      styleCommandDescription(str2) {
        return this.styleDescriptionText(str2);
      }
      styleOptionDescription(str2) {
        return this.styleDescriptionText(str2);
      }
      styleSubcommandDescription(str2) {
        return this.styleDescriptionText(str2);
      }
      styleArgumentDescription(str2) {
        return this.styleDescriptionText(str2);
      }
      styleDescriptionText(str2) {
        return str2;
      }
      styleOptionTerm(str2) {
        return this.styleOptionText(str2);
      }
      styleSubcommandTerm(str2) {
        return str2.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleSubcommandText(word);
        }).join(" ");
      }
      styleArgumentTerm(str2) {
        return this.styleArgumentText(str2);
      }
      styleOptionText(str2) {
        return str2;
      }
      styleArgumentText(str2) {
        return str2;
      }
      styleSubcommandText(str2) {
        return str2;
      }
      styleCommandText(str2) {
        return str2;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str2) {
        return /\n[^\S\r\n]/.test(str2);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = " ".repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        );
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            "\n" + " ".repeat(termWidth + spacerWidth)
          );
        }
        return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str2, width) {
        if (width < this.minWidthToWrap) return str2;
        const rawLines = str2.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(""));
        });
        return wrappedLines.join("\n");
      }
    };
    function stripColor(str2) {
      const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str2.replace(sgrPattern, "");
    }
    exports.Help = Help2;
    exports.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || "";
        this.required = flags.includes("<");
        this.optional = flags.includes("[");
        this.variadic = /\w\.\.\.[>\]]$/.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith("--no-");
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === "string") {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, "");
        }
        return this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ""));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading) {
        this.helpGroupHeading = heading;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    var DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key) => {
          if (this.positiveOptions.has(key)) {
            this.dualOptions.add(key);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str2) {
      return str2.split("-").reduce((str3, word) => {
        return str3 + word[0].toUpperCase() + word.slice(1);
      });
    }
    function splitOptionFlags(flags) {
      let shortFlag;
      let longFlag;
      const shortFlagExp = /^-[^-]$/;
      const longFlagExp = /^--[^-]/;
      const flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
      if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
      if (!shortFlag && shortFlagExp.test(flagParts[0]))
        shortFlag = flagParts.shift();
      if (!shortFlag && longFlagExp.test(flagParts[0])) {
        shortFlag = longFlag;
        longFlag = flagParts.shift();
      }
      if (flagParts[0].startsWith("-")) {
        const unsupportedFlag = flagParts[0];
        const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        if (/^-[^-][^-]/.test(unsupportedFlag))
          throw new Error(
            `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
          );
        if (shortFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many short flags`);
        if (longFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many long flags`);
        throw new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports.Option = Option2;
    exports.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports) {
    var maxDistance = 3;
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > maxDistance)
        return Math.max(a.length, b.length);
      const d = [];
      for (let i = 0; i <= a.length; i++) {
        d[i] = [i];
      }
      for (let j = 0; j <= b.length; j++) {
        d[0][j] = j;
      }
      for (let j = 1; j <= b.length; j++) {
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          if (a[i - 1] === b[j - 1]) {
            cost = 0;
          } else {
            cost = 1;
          }
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      const searchingOptions = word.startsWith("--");
      if (searchingOptions) {
        word = word.slice(2);
        candidates = candidates.map((candidate) => candidate.slice(2));
      }
      let similar = [];
      let bestDistance = maxDistance;
      const minSimilarity = 0.4;
      candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        const distance = editDistance(word, candidate);
        const length = Math.max(word.length, candidate.length);
        const similarity = (length - distance) / length;
        if (similarity > minSimilarity) {
          if (distance < bestDistance) {
            bestDistance = distance;
            similar = [candidate];
          } else if (distance === bestDistance) {
            similar.push(candidate);
          }
        }
      });
      similar.sort((a, b) => a.localeCompare(b));
      if (searchingOptions) {
        similar = similar.map((candidate) => `--${candidate}`);
      }
      if (similar.length > 1) {
        return `
(Did you mean one of ${similar.join(", ")}?)`;
      }
      if (similar.length === 1) {
        return `
(Did you mean ${similar[0]}?)`;
      }
      return "";
    }
    exports.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports) {
    var EventEmitter = __require("node:events").EventEmitter;
    var childProcess = __require("node:child_process");
    var path = __require("node:path");
    var fs = __require("node:fs");
    var process2 = __require("node:process");
    var { Argument: Argument2, humanReadableArgName } = require_argument();
    var { CommanderError: CommanderError2 } = require_error();
    var { Help: Help2, stripColor } = require_help();
    var { Option: Option2, DualOptions } = require_option();
    var { suggestSimilar } = require_suggestSimilar();
    var Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || "";
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = "";
        this._summary = "";
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str2) => process2.stdout.write(str2),
          writeErr: (str2) => process2.stderr.write(str2),
          outputError: (str2, write) => write(str2),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor2() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor2() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str2) => stripColor(str2)
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result = [];
        for (let command2 = this; command2; command2 = command2.parent) {
          result.push(command2);
        }
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === "object" && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args) cmd.arguments(args);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === "function") {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === "boolean") {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? "display help for command";
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== "object") {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        const allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event)) {
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event]) {
          this._lifeCycleHooks[event].push(listener);
        } else {
          this._lifeCycleHooks[event] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== "commander.executeSubCommandAsync") {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code, message) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError2(exitCode, code, message));
        }
        process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target2, value, previous, invalidArgumentMessage) {
        try {
          return target2.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            const message = `${invalidArgumentMessage} ${err.message}`;
            this.error(message, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command2) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command2).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
          const newCmd = knownBy(command2).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this._initCommandGroup(command2);
        this.commands.push(command2);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.negate) {
          const positiveLongFlag = option.long.replace(/^--no-/, "--");
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              name,
              option.defaultValue === void 0 ? true : option.defaultValue,
              "default"
            );
          }
        } else if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, "default");
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = "";
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on("option:" + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        });
        if (option.envVar) {
          this.on("optionEnv:" + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, "env");
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === "object" && flags instanceof Option2) {
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === "function") {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex2 = fn;
          fn = (val, def) => {
            const m = regex2.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: true },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error("call .storeOptionsAsProperties() before adding options");
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        if (this._storeOptionsAsProperties) {
          return this[key];
        }
        return this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key] = value;
        } else {
          this._optionValues[key] = value;
        }
        this._optionValueSources[key] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (cmd.getOptionValueSource(key) !== void 0) {
            source = cmd.getOptionValueSource(key);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error("first parameter to parse must be array or undefined");
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process2.versions?.electron) {
            parseOptions.from = "electron";
          }
          const execArgv = process2.execArgv ?? [];
          if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
            parseOptions.from = "eval";
          }
        }
        if (argv === void 0) {
          argv = process2.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case "electron":
            if (process2.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        if (!this._name && this._scriptPath)
          this.nameFromFilename(this._scriptPath);
        this._name = this._name || "program";
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs.existsSync(executableFile)) return;
        const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = false;
        const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          const localBin = path.resolve(baseDir, baseName);
          if (fs.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path.extname(baseName))) return void 0;
          const foundExt = sourceExt.find(
            (ext) => fs.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path.resolve(
            path.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path.basename(
              this._scriptPath,
              path.extname(this._scriptPath)
            );
            if (legacyName !== this._name) {
              localFile = findFile(
                executableDir,
                `${legacyName}-${subcommand._name}`
              );
            }
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path.extname(executableFile));
        let proc;
        if (process2.platform !== "win32") {
          if (launchWithNode) {
            args.unshift(executableFile);
            args = incrementNodeInspectorPort(process2.execArgv).concat(args);
            proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" });
          } else {
            proc = childProcess.spawn(executableFile, args, { stdio: "inherit" });
          }
        } else {
          this._checkForMissingExecutable(
            executableFile,
            executableDir,
            subcommand._name
          );
          args.unshift(executableFile);
          args = incrementNodeInspectorPort(process2.execArgv).concat(args);
          proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" });
        }
        if (!proc.killed) {
          const signals = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
          signals.forEach((signal) => {
            process2.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on("close", (code) => {
          code = code ?? 1;
          if (!exitCallback) {
            process2.exit(code);
          } else {
            exitCallback(
              new CommanderError2(
                code,
                "commander.executeSubCommandAsync",
                "(close)"
              )
            );
          }
        });
        proc.on("error", (err) => {
          if (err.code === "ENOENT") {
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          } else if (err.code === "EACCES") {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process2.exit(1);
          } else {
            const wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        );
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index2) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index2 < this.args.length) {
              value = this.args.slice(index2);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index2 < this.args.length) {
            value = this.args[index2];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index2] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === "function") {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise;
        const hooks = [];
        this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        });
        if (event === "postAction") {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        if (this._lifeCycleHooks[event] !== void 0) {
          this._lifeCycleHooks[event].forEach((hook) => {
            result = this._chainOrCall(result, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        }
        if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
          promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          );
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand("*")) {
            return this._dispatchSubcommand("*", operands, unknown);
          }
          if (this.listenerCount("command:*")) {
            this.emit("command:*", operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find(
          (cmd) => cmd._name === name || cmd._aliases.includes(name)
        );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== "default";
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some(
            (cmd) => cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short))
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args.length || activeGroup) {
          const arg = activeGroup ?? args[i++];
          activeGroup = null;
          if (arg === "--") {
            if (dest === unknown) dest.push(arg);
            dest.push(...args.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
                  value = args[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || option.optional && this._combineFlagAndOptionalValue) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index2 = arg.indexOf("=");
            const option = this._findOption(arg.slice(0, index2));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index2 + 1));
              continue;
            }
          }
          if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
            dest = unknown;
          }
          if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result = {};
          const len2 = this.options.length;
          for (let i = 0; i < len2; i++) {
            const key = this.options[i].attributeName();
            result[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message, errorOptions) {
        this._outputConfiguration.outputError(
          `${message}
`,
          this._outputConfiguration.writeErr
        );
        if (typeof this._showHelpAfterError === "string") {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr("\n");
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode = config.exitCode || 1;
        const code = config.code || "commander.error";
        this._exit(exitCode, code, message);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            const optionKey = option.attributeName();
            if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        };
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message = `error: missing required argument '${name}'`;
        this.error(message, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message = `error: option '${option.flags}' argument missing`;
        this.error(message, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message = `error: required option '${option.flags}' not specified`;
        this.error(message, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target2) => target2.negate && optionKey === target2.attributeName()
          );
          const positiveOption = this.options.find(
            (target2) => !target2.negate && optionKey === target2.attributeName()
          );
          if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === "env") {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command2 = this;
          do {
            const moreFlags = command2.createHelp().visibleOptions(command2).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command2 = command2.parent;
          } while (command2 && !command2._enablePositionalOptions);
          suggestion = suggestSimilar(flag, candidateFlags);
        }
        const message = `error: unknown option '${flag}'${suggestion}`;
        this.error(message, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s2 = expected === 1 ? "" : "s";
        const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
        const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s2} but got ${receivedArgs.length}.`;
        this.error(message, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = "";
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command2) => {
            candidateNames.push(command2.name());
            if (command2.alias()) candidateNames.push(command2.alias());
          });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str2, flags, description) {
        if (str2 === void 0) return this._version;
        this._version = str2;
        flags = flags || "-V, --version";
        description = description || "output the version number";
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str2}
`);
          this._exit(0, "commander.version", str2);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str2, argsDescription) {
        if (str2 === void 0 && argsDescription === void 0)
          return this._description;
        this._description = str2;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str2) {
        if (str2 === void 0) return this._summary;
        this._summary = str2;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command2 = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command2 = this.commands[this.commands.length - 1];
        }
        if (alias === command2._name)
          throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        command2._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str2) {
        if (str2 === void 0) {
          if (this._usage) return this._usage;
          const args = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        this._usage = str2;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str2) {
        if (str2 === void 0) return this._name;
        this._name = str2;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading) {
        if (heading === void 0) return this._helpGroupHeading ?? "";
        this._helpGroupHeading = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:);
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading) {
        if (heading === void 0) return this._defaultCommandGroup ?? "";
        this._defaultCommandGroup = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading) {
        if (heading === void 0) return this._defaultOptionGroup ?? "";
        this._defaultOptionGroup = heading;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading)
          option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup())
          cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path.basename(filename, path.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path2) {
        if (path2 === void 0) return this._executableDir;
        this._executableDir = path2;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        const text = helper.formatHelp(this, helper);
        if (context.hasColors) return text;
        return this._outputConfiguration.stripColor(text);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors;
        let helpWidth;
        if (error) {
          baseWrite = (str2) => this._outputConfiguration.writeErr(str2);
          hasColors = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str2) => this._outputConfiguration.writeOut(str2);
          hasColors = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write = (str2) => {
          if (!hasColors) str2 = this._outputConfiguration.stripColor(str2);
          return baseWrite(str2);
        };
        return { error, write, hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === "function") {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command2) => command2.emit("beforeAllHelp", eventContext));
        this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
            throw new Error("outputHelp callback must return a string or a Buffer");
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit("afterHelp", eventContext);
        this._getCommandAndAncestors().forEach(
          (command2) => command2.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === "boolean") {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? "-h, --help",
          description ?? "display help for command"
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        if (exitCode === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
          exitCode = 1;
        }
        this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text) {
        const allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text === "function") {
            helpStr = text({ error: context.error, command: context.command });
          } else {
            helpStr = text;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, "commander.helpDisplayed", "(outputHelp)");
        }
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect")) {
          return arg;
        }
        let debugOption;
        let debugHost = "127.0.0.1";
        let debugPort = "9229";
        let match;
        if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
          debugOption = match[1];
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null) {
          debugOption = match[1];
          if (/^\d+$/.test(match[3])) {
            debugPort = match[3];
          } else {
            debugHost = match[3];
          }
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null) {
          debugOption = match[1];
          debugHost = match[3];
          debugPort = match[4];
        }
        if (debugOption && debugPort !== "0") {
          return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
        }
        return arg;
      });
    }
    function useColor2() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return false;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return true;
      return void 0;
    }
    exports.Command = Command2;
    exports.useColor = useColor2;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports) {
    var { Argument: Argument2 } = require_argument();
    var { Command: Command2 } = require_command();
    var { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var { Help: Help2 } = require_help();
    var { Option: Option2 } = require_option();
    exports.program = new Command2();
    exports.createCommand = (name) => new Command2(name);
    exports.createOption = (flags, description) => new Option2(flags, description);
    exports.createArgument = (name, description) => new Argument2(name, description);
    exports.Command = Command2;
    exports.Option = Option2;
    exports.Argument = Argument2;
    exports.Help = Help2;
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
    exports.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/esm.mjs
var import_index, program, createCommand, createArgument, createOption, CommanderError, InvalidArgumentError, InvalidOptionArgumentError, Command, Argument, Option, Help;
var init_esm = __esm({
  "node_modules/commander/esm.mjs"() {
    import_index = __toESM(require_commander(), 1);
    ({
      program,
      createCommand,
      createArgument,
      createOption,
      CommanderError,
      InvalidArgumentError,
      InvalidOptionArgumentError,
      Command: (
        // deprecated old name
        Command
      ),
      Argument,
      Option,
      Help
    } = import_index.default);
  }
});

// src/errors.ts
function isBranded(x) {
  return typeof x === "object" && x !== null && x[kOrasError] === true;
}
function hasCode(err, code) {
  return findCode(err, code) !== void 0;
}
function findCode(err, code) {
  let cur = err;
  for (let depth = 0; depth < 32 && cur !== void 0 && cur !== null; depth++) {
    if (OrasError.is(cur) && cur.code === code) return cur;
    cur = cur.cause;
  }
  return void 0;
}
function normalizeAbort(err) {
  if (err instanceof Error && err.name === "AbortError") {
    return new OrasError("ABORTED", "operation aborted", { cause: err });
  }
  return err;
}
var kOrasError, OrasError;
var init_errors = __esm({
  "src/errors.ts"() {
    "use strict";
    kOrasError = /* @__PURE__ */ Symbol.for("oras-ts.OrasError");
    OrasError = class _OrasError extends Error {
      code;
      /** An optional hint for people (the CLI prints it on a second line). */
      hint;
      constructor(code, message, options) {
        super(message, options);
        this.code = code;
        this.hint = options?.hint;
        this.name = new.target.name;
        Object.defineProperty(this, kOrasError, { value: true });
      }
      /**
       * `x instanceof OrasError` is true for every branded error, from any copy of the package.
       * A code family (`NotFoundError`, …, see `codes`) matches branded errors with one of its
       * codes, whichever class threw them; any other subclass keeps the ordinary prototype check.
       */
      static [Symbol.hasInstance](x) {
        if (this === _OrasError) return isBranded(x);
        if (Object.hasOwn(this, "codes")) {
          const codes = this.codes;
          return isBranded(x) && codes.includes(x.code);
        }
        return Function.prototype[Symbol.hasInstance].call(this, x);
      }
      static is(err) {
        return isBranded(err);
      }
    };
  }
});

// src/oci/digest.ts
import { createHash } from "node:crypto";
function isSupportedAlgorithm(alg) {
  return Object.hasOwn(HEX_LENGTH, alg);
}
function parseDigest(input2) {
  if (!DIGEST_SHAPE.test(input2)) {
    throw new OrasError("INVALID_DIGEST", `invalid digest ${JSON.stringify(input2)}: invalid checksum digest format`);
  }
  const colon = input2.indexOf(":");
  const alg = input2.slice(0, colon);
  const hex = input2.slice(colon + 1);
  if (!isSupportedAlgorithm(alg)) {
    throw new OrasError("UNSUPPORTED_DIGEST", `invalid digest ${JSON.stringify(input2)}: unsupported digest algorithm`);
  }
  if (hex.length !== HEX_LENGTH[alg]) {
    throw new OrasError("INVALID_DIGEST", `invalid digest ${JSON.stringify(input2)}: invalid checksum digest length`);
  }
  if (!/^[a-f0-9]+$/.test(hex)) {
    throw new OrasError("INVALID_DIGEST", `invalid digest ${JSON.stringify(input2)}: invalid checksum digest format`);
  }
  return input2;
}
function referrersTagOf(digest) {
  return `${algorithmOf(digest)}-${encodedOf(digest)}`;
}
function isDigestTag(tag2) {
  return isDigest(tag2.replace("-", ":"));
}
function isDigest(input2) {
  try {
    parseDigest(input2);
    return true;
  } catch {
    return false;
  }
}
function algorithmOf(digest) {
  return digest.slice(0, digest.indexOf(":"));
}
function encodedOf(digest) {
  return digest.slice(digest.indexOf(":") + 1);
}
function shortDigest(digest) {
  if (digest.startsWith("sha256:")) return digest.slice(7, 19);
  return digest;
}
function digestOf(data, alg = "sha256") {
  return `${alg}:${createHash(alg).update(data).digest("hex")}`;
}
var HEX_LENGTH, DIGEST_SHAPE, Digester;
var init_digest = __esm({
  "src/oci/digest.ts"() {
    "use strict";
    init_errors();
    HEX_LENGTH = { sha256: 64, sha384: 96, sha512: 128 };
    DIGEST_SHAPE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
    Digester = class {
      algorithm;
      hash;
      constructor(alg = "sha256") {
        this.algorithm = alg;
        this.hash = createHash(alg);
      }
      update(chunk) {
        this.hash.update(chunk);
      }
      digest() {
        return `${this.algorithm}:${this.hash.digest("hex")}`;
      }
      /** A digest of everything so far without finishing the hash (used by resumable transfers). */
      peek() {
        return `${this.algorithm}:${this.hash.copy().digest("hex")}`;
      }
    };
  }
});

// src/content/internal/file-chunks.ts
import { open } from "node:fs/promises";
function reusedFileChunks(path, start = 0, chunkBytes = REUSED_CHUNK_BYTES) {
  return once(readFile(path, start, chunkBytes));
}
function lentFileRange(fh, start, stop, what, chunkBytes = REUSED_CHUNK_BYTES) {
  return once(readRange(fh, start, stop, what, chunkBytes));
}
function lentChunksOf(body) {
  const lend = body?.lentChunks;
  return typeof lend === "function" ? lend.call(body) : void 0;
}
function once(gen) {
  return {
    [Symbol.asyncIterator]: () => gen,
    destroy() {
      gen.return(void 0).catch(() => void 0);
    }
  };
}
async function* readFile(path, start, chunkBytes) {
  const fh = await open(path, "r");
  try {
    yield* readRange(fh, start, Number.POSITIVE_INFINITY, path, chunkBytes);
  } finally {
    await fh.close();
  }
}
async function* readRange(fh, start, stop, what, chunkBytes) {
  let pending;
  try {
    const size = Math.max(1, Math.min(chunkBytes, stop - start));
    const bufs = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
    let pos = start;
    let i = 0;
    const readAt = (buf) => pos < stop ? readInto(fh, buf, pos, Math.min(buf.length, stop - pos)) : Promise.resolve(0);
    pending = readAt(bufs[0]);
    for (; ; ) {
      const n2 = await pending;
      pending = void 0;
      if (n2 === 0) {
        if (pos < stop && Number.isFinite(stop)) throw new OrasError("UNEXPECTED_EOF", `${what}: file ended ${pos} bytes in, before the expected ${stop}`);
        return;
      }
      const cur = bufs[i];
      pos += n2;
      i ^= 1;
      pending = readAt(bufs[i]);
      yield cur.subarray(0, n2);
    }
  } finally {
    await pending?.catch(() => void 0);
  }
}
function readInto(fh, buf, pos, len2) {
  const p = fh.read(buf, 0, len2, pos).then((r) => r.bytesRead);
  p.catch(() => void 0);
  return p;
}
function tapChunks(body, see) {
  return {
    [Symbol.asyncIterator]: () => {
      const it = body[Symbol.asyncIterator]();
      const close = async () => {
        await it.return?.();
        return { done: true, value: void 0 };
      };
      return {
        next: () => it.next().then((r) => {
          if (r.done !== true) {
            try {
              see(r.value);
            } catch (err) {
              void close().catch(() => void 0);
              throw err;
            }
          }
          return r;
        }),
        return: close
      };
    }
  };
}
var REUSED_CHUNK_BYTES;
var init_file_chunks = __esm({
  "src/content/internal/file-chunks.ts"() {
    "use strict";
    init_errors();
    REUSED_CHUNK_BYTES = 1024 * 1024;
  }
});

// src/content/internal/fsutil.ts
import { randomBytes } from "node:crypto";
import { closeSync, constants as fsConstants, createWriteStream, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { lstat, open as open2, rename, rm, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
function randomSuffix() {
  if (randomPoolAt + 8 > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomPoolAt = 0;
  }
  const s2 = randomPool.toString("hex", randomPoolAt, randomPoolAt + 8);
  randomPoolAt += 8;
  return s2;
}
function errnoOf(err) {
  return typeof err === "object" && err !== null ? err.code ?? void 0 : void 0;
}
function isNotFound(err) {
  const code = errnoOf(err);
  return code === "ENOENT" || code === "ENOTDIR";
}
async function unlinkQuiet(path) {
  try {
    await unlink(path);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
async function removeQuiet(path) {
  try {
    await rm(path, { recursive: true, force: true, maxRetries: 2 });
  } catch {
  }
}
async function lstatOrUndefined(path) {
  try {
    return await lstat(path);
  } catch (err) {
    if (isNotFound(err)) return void 0;
    throw err;
  }
}
function discardBody(body) {
  const d = body;
  if (typeof d.destroy === "function") d.destroy();
}
function throwIfAborted(signal) {
  if (signal?.aborted) throw new OrasError("ABORTED", "operation aborted", { cause: signal.reason });
}
async function withWriteStream(path, opts, write) {
  const highWaterMark = 4 * 1024 * 1024;
  const ws = typeof path === "string" ? createWriteStream(path, { highWaterMark, ...opts }) : path.createWriteStream({ highWaterMark });
  try {
    await write(ws);
  } catch (err) {
    if (!ws.closed) {
      await new Promise((resolve5) => {
        ws.once("close", () => resolve5());
        ws.destroy();
      });
    }
    throw err;
  }
}
function writeFileAtomicSync(target2, data, mode = 438, check) {
  const dir = dirname(target2);
  check?.();
  const tmp = join(dir, `.${basename(target2)}.oras-${randomSuffix()}.tmp`);
  try {
    let fd;
    try {
      fd = openSync(tmp, "wx", mode);
    } catch {
      mkdirSync(dir, { recursive: true });
      fd = openSync(tmp, "wx", mode);
    }
    try {
      for (let off = 0; off < data.byteLength; ) off += writeSync(fd, data, off);
    } finally {
      closeSync(fd);
    }
    check?.();
    renameSync(tmp, target2);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
    }
    throw err;
  }
}
async function syncFile(path) {
  const fh = await open2(path, "r+").catch((err) => {
    const code = errnoOf(err);
    if (code === "EACCES" || code === "EPERM") return open2(path, "r");
    throw err;
  });
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
async function syncDir(dir) {
  let fh;
  try {
    fh = await open2(dir, "r");
    await fh.sync();
  } catch {
  } finally {
    await fh?.close().catch(() => void 0);
  }
}
async function writeFileAtomic(target2, data, opts = {}) {
  const dir = dirname(target2);
  const tmp = join(opts.tmpDir ?? dir, `.${basename(target2)}.${randomSuffix()}.tmp`);
  try {
    const fh = await open2(tmp, "wx", opts.mode ?? 420);
    try {
      await fh.writeFile(data);
      if (opts.durable) await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target2);
  } catch (err) {
    await unlinkQuiet(tmp);
    throw err;
  }
  if (opts.durable) await syncDir(dir);
}
var RANDOM_POOL_BYTES, randomPool, randomPoolAt, O_NOFOLLOW;
var init_fsutil = __esm({
  "src/content/internal/fsutil.ts"() {
    "use strict";
    init_errors();
    RANDOM_POOL_BYTES = 4096;
    randomPool = Buffer.alloc(0);
    randomPoolAt = 0;
    O_NOFOLLOW = fsConstants.O_NOFOLLOW ?? 0;
  }
});

// src/content/internal/hashing.ts
import { Transform } from "node:stream";
var HashingStream;
var init_hashing = __esm({
  "src/content/internal/hashing.ts"() {
    "use strict";
    init_digest();
    HashingStream = class extends Transform {
      digester;
      limit;
      n;
      final;
      constructor(alg = "sha256", opts = {}) {
        super();
        this.digester = opts.digester ?? new Digester(alg);
        this.n = opts.start ?? 0;
        this.limit = opts.limit;
      }
      /** Bytes seen so far (with `start`). */
      get size() {
        return this.n;
      }
      /** The digest of everything seen; valid once the stream has finished. */
      get digest() {
        this.final ??= this.digester.digest();
        return this.final;
      }
      _transform(chunk, _enc, done) {
        this.n += chunk.length;
        if (this.limit && this.n > this.limit.bytes) return done(this.limit.error());
        this.digester.update(chunk);
        done(null, chunk);
      }
    };
  }
});

// node_modules/tar/dist/commonjs/index.min.js
var require_index_min = __commonJS({
  "node_modules/tar/dist/commonjs/index.min.js"(exports) {
    "use strict";
    var d = (s2, e) => () => (e || s2((e = { exports: {} }).exports, e), e.exports);
    var We = d((F) => {
      "use strict";
      var Do = F && F.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(F, "__esModule", { value: true });
      F.Minipass = F.isWritable = F.isReadable = F.isStream = void 0;
      var kr = typeof process == "object" && process ? process : { stdout: null, stderr: null }, ss = __require("node:events"), qr = Do(__require("node:stream")), Po = __require("node:string_decoder"), No = (s2) => !!s2 && typeof s2 == "object" && (s2 instanceof Zt || s2 instanceof qr.default || (0, F.isReadable)(s2) || (0, F.isWritable)(s2));
      F.isStream = No;
      var Mo = (s2) => !!s2 && typeof s2 == "object" && s2 instanceof ss.EventEmitter && typeof s2.pipe == "function" && s2.pipe !== qr.default.Writable.prototype.pipe;
      F.isReadable = Mo;
      var Lo = (s2) => !!s2 && typeof s2 == "object" && s2 instanceof ss.EventEmitter && typeof s2.write == "function" && typeof s2.end == "function";
      F.isWritable = Lo;
      var ce = /* @__PURE__ */ Symbol("EOF"), ue = /* @__PURE__ */ Symbol("maybeEmitEnd"), we = /* @__PURE__ */ Symbol("emittedEnd"), jt = /* @__PURE__ */ Symbol("emittingEnd"), dt = /* @__PURE__ */ Symbol("emittedError"), Ut = /* @__PURE__ */ Symbol("closed"), xr = /* @__PURE__ */ Symbol("read"), qt = /* @__PURE__ */ Symbol("flush"), jr = /* @__PURE__ */ Symbol("flushChunk"), K = /* @__PURE__ */ Symbol("encoding"), Ue = /* @__PURE__ */ Symbol("decoder"), R = /* @__PURE__ */ Symbol("flowing"), mt = /* @__PURE__ */ Symbol("paused"), qe = /* @__PURE__ */ Symbol("resume"), O = /* @__PURE__ */ Symbol("buffer"), I2 = /* @__PURE__ */ Symbol("pipes"), v = /* @__PURE__ */ Symbol("bufferLength"), Xi = /* @__PURE__ */ Symbol("bufferPush"), Wt = /* @__PURE__ */ Symbol("bufferShift"), N = /* @__PURE__ */ Symbol("objectMode"), E = /* @__PURE__ */ Symbol("destroyed"), Qi = /* @__PURE__ */ Symbol("error"), Ji = /* @__PURE__ */ Symbol("emitData"), Ur = /* @__PURE__ */ Symbol("emitEnd"), es = /* @__PURE__ */ Symbol("emitEnd2"), J = /* @__PURE__ */ Symbol("async"), ts = /* @__PURE__ */ Symbol("abort"), Ht = /* @__PURE__ */ Symbol("aborted"), pt = /* @__PURE__ */ Symbol("signal"), Ne = /* @__PURE__ */ Symbol("dataListeners"), x = /* @__PURE__ */ Symbol("discarded"), _t = (s2) => Promise.resolve().then(s2), Ao = (s2) => s2(), Io = (s2) => s2 === "end" || s2 === "finish" || s2 === "prefinish", Fo = (s2) => s2 instanceof ArrayBuffer || !!s2 && typeof s2 == "object" && s2.constructor && s2.constructor.name === "ArrayBuffer" && s2.byteLength >= 0, Co = (s2) => !Buffer.isBuffer(s2) && ArrayBuffer.isView(s2), Gt = class {
        src;
        dest;
        opts;
        ondrain;
        constructor(e, t, i) {
          this.src = e, this.dest = t, this.opts = i, this.ondrain = () => e[qe](), this.dest.on("drain", this.ondrain);
        }
        unpipe() {
          this.dest.removeListener("drain", this.ondrain);
        }
        proxyErrors(e) {
        }
        end() {
          this.unpipe(), this.opts.end && this.dest.end();
        }
      }, is = class extends Gt {
        unpipe() {
          this.src.removeListener("error", this.proxyErrors), super.unpipe();
        }
        constructor(e, t, i) {
          super(e, t, i), this.proxyErrors = (r) => this.dest.emit("error", r), e.on("error", this.proxyErrors);
        }
      }, Bo = (s2) => !!s2.objectMode, zo = (s2) => !s2.objectMode && !!s2.encoding && s2.encoding !== "buffer", Zt = class extends ss.EventEmitter {
        [R] = false;
        [mt] = false;
        [I2] = [];
        [O] = [];
        [N];
        [K];
        [J];
        [Ue];
        [ce] = false;
        [we] = false;
        [jt] = false;
        [Ut] = false;
        [dt] = null;
        [v] = 0;
        [E] = false;
        [pt];
        [Ht] = false;
        [Ne] = 0;
        [x] = false;
        writable = true;
        readable = true;
        constructor(...e) {
          let t = e[0] || {};
          if (super(), t.objectMode && typeof t.encoding == "string") throw new TypeError("Encoding and objectMode may not be used together");
          Bo(t) ? (this[N] = true, this[K] = null) : zo(t) ? (this[K] = t.encoding, this[N] = false) : (this[N] = false, this[K] = null), this[J] = !!t.async, this[Ue] = this[K] ? new Po.StringDecoder(this[K]) : null, t && t.debugExposeBuffer === true && Object.defineProperty(this, "buffer", { get: () => this[O] }), t && t.debugExposePipes === true && Object.defineProperty(this, "pipes", { get: () => this[I2] });
          let { signal: i } = t;
          i && (this[pt] = i, i.aborted ? this[ts]() : i.addEventListener("abort", () => this[ts]()));
        }
        get bufferLength() {
          return this[v];
        }
        get encoding() {
          return this[K];
        }
        set encoding(e) {
          throw new Error("Encoding must be set at instantiation time");
        }
        setEncoding(e) {
          throw new Error("Encoding must be set at instantiation time");
        }
        get objectMode() {
          return this[N];
        }
        set objectMode(e) {
          throw new Error("objectMode must be set at instantiation time");
        }
        get async() {
          return this[J];
        }
        set async(e) {
          this[J] = this[J] || !!e;
        }
        [ts]() {
          this[Ht] = true, this.emit("abort", this[pt]?.reason), this.destroy(this[pt]?.reason);
        }
        get aborted() {
          return this[Ht];
        }
        set aborted(e) {
        }
        write(e, t, i) {
          if (this[Ht]) return false;
          if (this[ce]) throw new Error("write after end");
          if (this[E]) return this.emit("error", Object.assign(new Error("Cannot call write after a stream was destroyed"), { code: "ERR_STREAM_DESTROYED" })), true;
          typeof t == "function" && (i = t, t = "utf8"), t || (t = "utf8");
          let r = this[J] ? _t : Ao;
          if (!this[N] && !Buffer.isBuffer(e)) {
            if (Co(e)) e = Buffer.from(e.buffer, e.byteOffset, e.byteLength);
            else if (Fo(e)) e = Buffer.from(e);
            else if (typeof e != "string") throw new Error("Non-contiguous data written to non-objectMode stream");
          }
          return this[N] ? (this[R] && this[v] !== 0 && this[qt](true), this[R] ? this.emit("data", e) : this[Xi](e), this[v] !== 0 && this.emit("readable"), i && r(i), this[R]) : e.length ? (typeof e == "string" && !(t === this[K] && !this[Ue]?.lastNeed) && (e = Buffer.from(e, t)), Buffer.isBuffer(e) && this[K] && (e = this[Ue].write(e)), this[R] && this[v] !== 0 && this[qt](true), this[R] ? this.emit("data", e) : this[Xi](e), this[v] !== 0 && this.emit("readable"), i && r(i), this[R]) : (this[v] !== 0 && this.emit("readable"), i && r(i), this[R]);
        }
        read(e) {
          if (this[E]) return null;
          if (this[x] = false, this[v] === 0 || e === 0 || e && e > this[v]) return this[ue](), null;
          this[N] && (e = null), this[O].length > 1 && !this[N] && (this[O] = [this[K] ? this[O].join("") : Buffer.concat(this[O], this[v])]);
          let t = this[xr](e || null, this[O][0]);
          return this[ue](), t;
        }
        [xr](e, t) {
          if (this[N]) this[Wt]();
          else {
            let i = t;
            e === i.length || e === null ? this[Wt]() : typeof i == "string" ? (this[O][0] = i.slice(e), t = i.slice(0, e), this[v] -= e) : (this[O][0] = i.subarray(e), t = i.subarray(0, e), this[v] -= e);
          }
          return this.emit("data", t), !this[O].length && !this[ce] && this.emit("drain"), t;
        }
        end(e, t, i) {
          return typeof e == "function" && (i = e, e = void 0), typeof t == "function" && (i = t, t = "utf8"), e !== void 0 && this.write(e, t), i && this.once("end", i), this[ce] = true, this.writable = false, (this[R] || !this[mt]) && this[ue](), this;
        }
        [qe]() {
          this[E] || (!this[Ne] && !this[I2].length && (this[x] = true), this[mt] = false, this[R] = true, this.emit("resume"), this[O].length ? this[qt]() : this[ce] ? this[ue]() : this.emit("drain"));
        }
        resume() {
          return this[qe]();
        }
        pause() {
          this[R] = false, this[mt] = true, this[x] = false;
        }
        get destroyed() {
          return this[E];
        }
        get flowing() {
          return this[R];
        }
        get paused() {
          return this[mt];
        }
        [Xi](e) {
          this[N] ? this[v] += 1 : this[v] += e.length, this[O].push(e);
        }
        [Wt]() {
          return this[N] ? this[v] -= 1 : this[v] -= this[O][0].length, this[O].shift();
        }
        [qt](e = false) {
          do
            ;
          while (this[jr](this[Wt]()) && this[O].length);
          !e && !this[O].length && !this[ce] && this.emit("drain");
        }
        [jr](e) {
          return this.emit("data", e), this[R];
        }
        pipe(e, t) {
          if (this[E]) return e;
          this[x] = false;
          let i = this[we];
          return t = t || {}, e === kr.stdout || e === kr.stderr ? t.end = false : t.end = t.end !== false, t.proxyErrors = !!t.proxyErrors, i ? t.end && e.end() : (this[I2].push(t.proxyErrors ? new is(this, e, t) : new Gt(this, e, t)), this[J] ? _t(() => this[qe]()) : this[qe]()), e;
        }
        unpipe(e) {
          let t = this[I2].find((i) => i.dest === e);
          t && (this[I2].length === 1 ? (this[R] && this[Ne] === 0 && (this[R] = false), this[I2] = []) : this[I2].splice(this[I2].indexOf(t), 1), t.unpipe());
        }
        addListener(e, t) {
          return this.on(e, t);
        }
        on(e, t) {
          let i = super.on(e, t);
          if (e === "data") this[x] = false, this[Ne]++, !this[I2].length && !this[R] && this[qe]();
          else if (e === "readable" && this[v] !== 0) super.emit("readable");
          else if (Io(e) && this[we]) super.emit(e), this.removeAllListeners(e);
          else if (e === "error" && this[dt]) {
            let r = t;
            this[J] ? _t(() => r.call(this, this[dt])) : r.call(this, this[dt]);
          }
          return i;
        }
        removeListener(e, t) {
          return this.off(e, t);
        }
        off(e, t) {
          let i = super.off(e, t);
          return e === "data" && (this[Ne] = this.listeners("data").length, this[Ne] === 0 && !this[x] && !this[I2].length && (this[R] = false)), i;
        }
        removeAllListeners(e) {
          let t = super.removeAllListeners(e);
          return (e === "data" || e === void 0) && (this[Ne] = 0, !this[x] && !this[I2].length && (this[R] = false)), t;
        }
        get emittedEnd() {
          return this[we];
        }
        [ue]() {
          !this[jt] && !this[we] && !this[E] && this[O].length === 0 && this[ce] && (this[jt] = true, this.emit("end"), this.emit("prefinish"), this.emit("finish"), this[Ut] && this.emit("close"), this[jt] = false);
        }
        emit(e, ...t) {
          let i = t[0];
          if (e !== "error" && e !== "close" && e !== E && this[E]) return false;
          if (e === "data") return !this[N] && !i ? false : this[J] ? (_t(() => this[Ji](i)), true) : this[Ji](i);
          if (e === "end") return this[Ur]();
          if (e === "close") {
            if (this[Ut] = true, !this[we] && !this[E]) return false;
            let n2 = super.emit("close");
            return this.removeAllListeners("close"), n2;
          } else if (e === "error") {
            this[dt] = i, super.emit(Qi, i);
            let n2 = !this[pt] || this.listeners("error").length ? super.emit("error", i) : false;
            return this[ue](), n2;
          } else if (e === "resume") {
            let n2 = super.emit("resume");
            return this[ue](), n2;
          } else if (e === "finish" || e === "prefinish") {
            let n2 = super.emit(e);
            return this.removeAllListeners(e), n2;
          }
          let r = super.emit(e, ...t);
          return this[ue](), r;
        }
        [Ji](e) {
          for (let i of this[I2]) i.dest.write(e) === false && this.pause();
          let t = this[x] ? false : super.emit("data", e);
          return this[ue](), t;
        }
        [Ur]() {
          return this[we] ? false : (this[we] = true, this.readable = false, this[J] ? (_t(() => this[es]()), true) : this[es]());
        }
        [es]() {
          if (this[Ue]) {
            let t = this[Ue].end();
            if (t) {
              for (let i of this[I2]) i.dest.write(t);
              this[x] || super.emit("data", t);
            }
          }
          for (let t of this[I2]) t.end();
          let e = super.emit("end");
          return this.removeAllListeners("end"), e;
        }
        async collect() {
          let e = Object.assign([], { dataLength: 0 });
          this[N] || (e.dataLength = 0);
          let t = this.promise();
          return this.on("data", (i) => {
            e.push(i), this[N] || (e.dataLength += i.length);
          }), await t, e;
        }
        async concat() {
          if (this[N]) throw new Error("cannot concat in objectMode");
          let e = await this.collect();
          return this[K] ? e.join("") : Buffer.concat(e, e.dataLength);
        }
        async promise() {
          return new Promise((e, t) => {
            this.on(E, () => t(new Error("stream destroyed"))), this.on("error", (i) => t(i)), this.on("end", () => e());
          });
        }
        [Symbol.asyncIterator]() {
          this[x] = false;
          let e = false, t = async () => (this.pause(), e = true, { value: void 0, done: true });
          return { next: () => {
            if (e) return t();
            let r = this.read();
            if (r !== null) return Promise.resolve({ done: false, value: r });
            if (this[ce]) return t();
            let n2, o, a = (u) => {
              this.off("data", h), this.off("end", l), this.off(E, c), t(), o(u);
            }, h = (u) => {
              this.off("error", a), this.off("end", l), this.off(E, c), this.pause(), n2({ value: u, done: !!this[ce] });
            }, l = () => {
              this.off("error", a), this.off("data", h), this.off(E, c), t(), n2({ done: true, value: void 0 });
            }, c = () => a(new Error("stream destroyed"));
            return new Promise((u, b) => {
              o = b, n2 = u, this.once(E, c), this.once("error", a), this.once("end", l), this.once("data", h);
            });
          }, throw: t, return: t, [Symbol.asyncIterator]() {
            return this;
          }, [Symbol.asyncDispose]: async () => {
          } };
        }
        [Symbol.iterator]() {
          this[x] = false;
          let e = false, t = () => (this.pause(), this.off(Qi, t), this.off(E, t), this.off("end", t), e = true, { done: true, value: void 0 }), i = () => {
            if (e) return t();
            let r = this.read();
            return r === null ? t() : { done: false, value: r };
          };
          return this.once("end", t), this.once(Qi, t), this.once(E, t), { next: i, throw: t, return: t, [Symbol.iterator]() {
            return this;
          }, [Symbol.dispose]: () => {
          } };
        }
        destroy(e) {
          if (this[E]) return e ? this.emit("error", e) : this.emit(E), this;
          this[E] = true, this[x] = true, this[O].length = 0, this[v] = 0;
          let t = this;
          return typeof t.close == "function" && !this[Ut] && t.close(), e ? this.emit("error", e) : this.emit(E), this;
        }
        static get isStream() {
          return F.isStream;
        }
      };
      F.Minipass = Zt;
    });
    var Ke = d((W) => {
      "use strict";
      var Wr = W && W.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(W, "__esModule", { value: true });
      W.WriteStreamSync = W.WriteStream = W.ReadStreamSync = W.ReadStream = void 0;
      var ko = Wr(__require("events")), z = Wr(__require("fs")), xo = We(), jo = z.default.writev, Ee = /* @__PURE__ */ Symbol("_autoClose"), $ = /* @__PURE__ */ Symbol("_close"), wt = /* @__PURE__ */ Symbol("_ended"), p = /* @__PURE__ */ Symbol("_fd"), rs = /* @__PURE__ */ Symbol("_finished"), de = /* @__PURE__ */ Symbol("_flags"), ns = /* @__PURE__ */ Symbol("_flush"), ls = /* @__PURE__ */ Symbol("_handleChunk"), cs = /* @__PURE__ */ Symbol("_makeBuf"), Et = /* @__PURE__ */ Symbol("_mode"), Yt = /* @__PURE__ */ Symbol("_needDrain"), Ze = /* @__PURE__ */ Symbol("_onerror"), Ye = /* @__PURE__ */ Symbol("_onopen"), os = /* @__PURE__ */ Symbol("_onread"), He = /* @__PURE__ */ Symbol("_onwrite"), be = /* @__PURE__ */ Symbol("_open"), V = /* @__PURE__ */ Symbol("_path"), ye = /* @__PURE__ */ Symbol("_pos"), ee = /* @__PURE__ */ Symbol("_queue"), Ge = /* @__PURE__ */ Symbol("_read"), as = /* @__PURE__ */ Symbol("_readSize"), fe = /* @__PURE__ */ Symbol("_reading"), yt = /* @__PURE__ */ Symbol("_remain"), hs = /* @__PURE__ */ Symbol("_size"), Kt = /* @__PURE__ */ Symbol("_write"), Me = /* @__PURE__ */ Symbol("_writing"), Vt = /* @__PURE__ */ Symbol("_defaultFlag"), Le = /* @__PURE__ */ Symbol("_errored"), $t = class extends xo.Minipass {
        [Le] = false;
        [p];
        [V];
        [as];
        [fe] = false;
        [hs];
        [yt];
        [Ee];
        constructor(e, t) {
          if (t = t || {}, super(t), this.readable = true, this.writable = false, typeof e != "string") throw new TypeError("path must be a string");
          this[Le] = false, this[p] = typeof t.fd == "number" ? t.fd : void 0, this[V] = e, this[as] = t.readSize || 16 * 1024 * 1024, this[fe] = false, this[hs] = typeof t.size == "number" ? t.size : 1 / 0, this[yt] = this[hs], this[Ee] = typeof t.autoClose == "boolean" ? t.autoClose : true, typeof this[p] == "number" ? this[Ge]() : this[be]();
        }
        get fd() {
          return this[p];
        }
        get path() {
          return this[V];
        }
        write() {
          throw new TypeError("this is a readable stream");
        }
        end() {
          throw new TypeError("this is a readable stream");
        }
        [be]() {
          z.default.open(this[V], "r", (e, t) => this[Ye](e, t));
        }
        [Ye](e, t) {
          e ? this[Ze](e) : (this[p] = t, this.emit("open", t), this[Ge]());
        }
        [cs]() {
          return Buffer.allocUnsafe(Math.min(this[as], this[yt]));
        }
        [Ge]() {
          if (!this[fe]) {
            this[fe] = true;
            let e = this[cs]();
            if (e.length === 0) return process.nextTick(() => this[os](null, 0, e));
            z.default.read(this[p], e, 0, e.length, null, (t, i, r) => this[os](t, i, r));
          }
        }
        [os](e, t, i) {
          this[fe] = false, e ? this[Ze](e) : this[ls](t, i) && this[Ge]();
        }
        [$]() {
          if (this[Ee] && typeof this[p] == "number") {
            let e = this[p];
            this[p] = void 0, z.default.close(e, (t) => t ? this.emit("error", t) : this.emit("close"));
          }
        }
        [Ze](e) {
          this[fe] = true, this[$](), this.emit("error", e);
        }
        [ls](e, t) {
          let i = false;
          return this[yt] -= e, e > 0 && (i = super.write(e < t.length ? t.subarray(0, e) : t)), (e === 0 || this[yt] <= 0) && (i = false, this[$](), super.end()), i;
        }
        emit(e, ...t) {
          switch (e) {
            case "prefinish":
            case "finish":
              return false;
            case "drain":
              return typeof this[p] == "number" && this[Ge](), false;
            case "error":
              return this[Le] ? false : (this[Le] = true, super.emit(e, ...t));
            default:
              return super.emit(e, ...t);
          }
        }
      };
      W.ReadStream = $t;
      var us = class extends $t {
        [be]() {
          let e = true;
          try {
            this[Ye](null, z.default.openSync(this[V], "r")), e = false;
          } finally {
            e && this[$]();
          }
        }
        [Ge]() {
          let e = true;
          try {
            if (!this[fe]) {
              this[fe] = true;
              do {
                let t = this[cs](), i = t.length === 0 ? 0 : z.default.readSync(this[p], t, 0, t.length, null);
                if (!this[ls](i, t)) break;
              } while (true);
              this[fe] = false;
            }
            e = false;
          } finally {
            e && this[$]();
          }
        }
        [$]() {
          if (this[Ee] && typeof this[p] == "number") {
            let e = this[p];
            this[p] = void 0, z.default.closeSync(e), this.emit("close");
          }
        }
      };
      W.ReadStreamSync = us;
      var Xt = class extends ko.default {
        readable = false;
        writable = true;
        [Le] = false;
        [Me] = false;
        [wt] = false;
        [ee] = [];
        [Yt] = false;
        [V];
        [Et];
        [Ee];
        [p];
        [Vt];
        [de];
        [rs] = false;
        [ye];
        constructor(e, t) {
          t = t || {}, super(t), this[V] = e, this[p] = typeof t.fd == "number" ? t.fd : void 0, this[Et] = t.mode === void 0 ? 438 : t.mode, this[ye] = typeof t.start == "number" ? t.start : void 0, this[Ee] = typeof t.autoClose == "boolean" ? t.autoClose : true;
          let i = this[ye] !== void 0 ? "r+" : "w";
          this[Vt] = t.flags === void 0, this[de] = t.flags === void 0 ? i : t.flags, this[p] === void 0 && this[be]();
        }
        emit(e, ...t) {
          if (e === "error") {
            if (this[Le]) return false;
            this[Le] = true;
          }
          return super.emit(e, ...t);
        }
        get fd() {
          return this[p];
        }
        get path() {
          return this[V];
        }
        [Ze](e) {
          this[$](), this[Me] = true, this.emit("error", e);
        }
        [be]() {
          z.default.open(this[V], this[de], this[Et], (e, t) => this[Ye](e, t));
        }
        [Ye](e, t) {
          this[Vt] && this[de] === "r+" && e && e.code === "ENOENT" ? (this[de] = "w", this[be]()) : e ? this[Ze](e) : (this[p] = t, this.emit("open", t), this[Me] || this[ns]());
        }
        end(e, t) {
          return e && this.write(e, t), this[wt] = true, !this[Me] && !this[ee].length && typeof this[p] == "number" && this[He](null, 0), this;
        }
        write(e, t) {
          return typeof e == "string" && (e = Buffer.from(e, t)), this[wt] ? (this.emit("error", new Error("write() after end()")), false) : this[p] === void 0 || this[Me] || this[ee].length ? (this[ee].push(e), this[Yt] = true, false) : (this[Me] = true, this[Kt](e), true);
        }
        [Kt](e) {
          z.default.write(this[p], e, 0, e.length, this[ye], (t, i) => this[He](t, i));
        }
        [He](e, t) {
          e ? this[Ze](e) : (this[ye] !== void 0 && typeof t == "number" && (this[ye] += t), this[ee].length ? this[ns]() : (this[Me] = false, this[wt] && !this[rs] ? (this[rs] = true, this[$](), this.emit("finish")) : this[Yt] && (this[Yt] = false, this.emit("drain"))));
        }
        [ns]() {
          if (this[ee].length === 0) this[wt] && this[He](null, 0);
          else if (this[ee].length === 1) this[Kt](this[ee].pop());
          else {
            let e = this[ee];
            this[ee] = [], jo(this[p], e, this[ye], (t, i) => this[He](t, i));
          }
        }
        [$]() {
          if (this[Ee] && typeof this[p] == "number") {
            let e = this[p];
            this[p] = void 0, z.default.close(e, (t) => t ? this.emit("error", t) : this.emit("close"));
          }
        }
      };
      W.WriteStream = Xt;
      var fs = class extends Xt {
        [be]() {
          let e;
          if (this[Vt] && this[de] === "r+") try {
            e = z.default.openSync(this[V], this[de], this[Et]);
          } catch (t) {
            if (t?.code === "ENOENT") return this[de] = "w", this[be]();
            throw t;
          }
          else e = z.default.openSync(this[V], this[de], this[Et]);
          this[Ye](null, e);
        }
        [$]() {
          if (this[Ee] && typeof this[p] == "number") {
            let e = this[p];
            this[p] = void 0, z.default.closeSync(e), this.emit("close");
          }
        }
        [Kt](e) {
          let t = true;
          try {
            this[He](null, z.default.writeSync(this[p], e, 0, e.length, this[ye])), t = false;
          } finally {
            if (t) try {
              this[$]();
            } catch {
            }
          }
        }
      };
      W.WriteStreamSync = fs;
    });
    var Qt = d((S2) => {
      "use strict";
      Object.defineProperty(S2, "__esModule", { value: true });
      S2.dealias = S2.isNoFile = S2.isFile = S2.isAsync = S2.isSync = S2.isAsyncNoFile = S2.isSyncNoFile = S2.isAsyncFile = S2.isSyncFile = void 0;
      var Uo = /* @__PURE__ */ new Map([["C", "cwd"], ["f", "file"], ["z", "gzip"], ["P", "preservePaths"], ["U", "unlink"], ["strip-components", "strip"], ["stripComponents", "strip"], ["keep-newer", "newer"], ["keepNewer", "newer"], ["keep-newer-files", "newer"], ["keepNewerFiles", "newer"], ["k", "keep"], ["keep-existing", "keep"], ["keepExisting", "keep"], ["m", "noMtime"], ["no-mtime", "noMtime"], ["p", "preserveOwner"], ["L", "follow"], ["h", "follow"], ["onentry", "onReadEntry"]]), qo = (s2) => !!s2.sync && !!s2.file;
      S2.isSyncFile = qo;
      var Wo = (s2) => !s2.sync && !!s2.file;
      S2.isAsyncFile = Wo;
      var Ho = (s2) => !!s2.sync && !s2.file;
      S2.isSyncNoFile = Ho;
      var Go = (s2) => !s2.sync && !s2.file;
      S2.isAsyncNoFile = Go;
      var Zo = (s2) => !!s2.sync;
      S2.isSync = Zo;
      var Yo = (s2) => !s2.sync;
      S2.isAsync = Yo;
      var Ko = (s2) => !!s2.file;
      S2.isFile = Ko;
      var Vo = (s2) => !s2.file;
      S2.isNoFile = Vo;
      var $o = (s2) => {
        let e = Uo.get(s2);
        return e || s2;
      }, Xo = (s2 = {}) => {
        if (!s2) return {};
        let e = {};
        for (let [t, i] of Object.entries(s2)) {
          let r = $o(t);
          e[r] = i;
        }
        return e.chmod === void 0 && e.noChmod === false && (e.chmod = true), delete e.noChmod, e;
      };
      S2.dealias = Xo;
    });
    var Ve = d((Jt) => {
      "use strict";
      Object.defineProperty(Jt, "__esModule", { value: true });
      Jt.makeCommand = void 0;
      var bt = Qt(), Qo = (s2, e, t, i, r) => Object.assign((n2 = [], o, a) => {
        Array.isArray(n2) && (o = n2, n2 = {}), typeof o == "function" && (a = o, o = void 0), o = o ? Array.from(o) : [];
        let h = (0, bt.dealias)(n2);
        if (r?.(h, o), (0, bt.isSyncFile)(h)) {
          if (typeof a == "function") throw new TypeError("callback not supported for sync tar functions");
          return s2(h, o);
        } else if ((0, bt.isAsyncFile)(h)) {
          let l = e(h, o);
          return a ? l.then(() => a(), a) : l;
        } else if ((0, bt.isSyncNoFile)(h)) {
          if (typeof a == "function") throw new TypeError("callback not supported for sync tar functions");
          return t(h, o);
        } else if ((0, bt.isAsyncNoFile)(h)) {
          if (typeof a == "function") throw new TypeError("callback only supported with file option");
          return i(h, o);
        }
        throw new Error("impossible options??");
      }, { syncFile: s2, asyncFile: e, syncNoFile: t, asyncNoFile: i, validate: r });
      Jt.makeCommand = Qo;
    });
    var ds = d(($e) => {
      "use strict";
      var Jo = $e && $e.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty($e, "__esModule", { value: true });
      $e.constants = void 0;
      var ea = Jo(__require("zlib")), ta = ea.default.constants || { ZLIB_VERNUM: 4736 };
      $e.constants = Object.freeze(Object.assign(/* @__PURE__ */ Object.create(null), { Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5, Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64, Z_MAX_CHUNK: 1 / 0, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1, BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2, BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0, BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11, BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30, BROTLI_DEFAULT_WINDOW: 22, BROTLI_MIN_INPUT_BLOCK_BITS: 16, BROTLI_MAX_INPUT_BLOCK_BITS: 24, BROTLI_PARAM_MODE: 0, BROTLI_PARAM_QUALITY: 1, BROTLI_PARAM_LGWIN: 2, BROTLI_PARAM_LGBLOCK: 3, BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5, BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8, BROTLI_DECODER_RESULT_ERROR: 0, BROTLI_DECODER_RESULT_SUCCESS: 1, BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0, BROTLI_DECODER_PARAM_LARGE_WINDOW: 1, BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1, BROTLI_DECODER_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1, BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3, BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4, BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6, BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10, BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12, BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14, BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16, BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20, BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22, BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30, BROTLI_DECODER_ERROR_UNREACHABLE: -31 }, ta));
    });
    var Ps = d((f2) => {
      "use strict";
      var ia = f2 && f2.__createBinding || (Object.create ? (function(s2, e, t, i) {
        i === void 0 && (i = t);
        var r = Object.getOwnPropertyDescriptor(e, t);
        (!r || ("get" in r ? !e.__esModule : r.writable || r.configurable)) && (r = { enumerable: true, get: function() {
          return e[t];
        } }), Object.defineProperty(s2, i, r);
      }) : (function(s2, e, t, i) {
        i === void 0 && (i = t), s2[i] = e[t];
      })), sa = f2 && f2.__setModuleDefault || (Object.create ? (function(s2, e) {
        Object.defineProperty(s2, "default", { enumerable: true, value: e });
      }) : function(s2, e) {
        s2.default = e;
      }), ra = f2 && f2.__importStar || /* @__PURE__ */ (function() {
        var s2 = function(e) {
          return s2 = Object.getOwnPropertyNames || function(t) {
            var i = [];
            for (var r in t) Object.prototype.hasOwnProperty.call(t, r) && (i[i.length] = r);
            return i;
          }, s2(e);
        };
        return function(e) {
          if (e && e.__esModule) return e;
          var t = {};
          if (e != null) for (var i = s2(e), r = 0; r < i.length; r++) i[r] !== "default" && ia(t, e, i[r]);
          return sa(t, e), t;
        };
      })(), na = f2 && f2.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(f2, "__esModule", { value: true });
      f2.ZstdDecompress = f2.ZstdCompress = f2.BrotliDecompress = f2.BrotliCompress = f2.Unzip = f2.InflateRaw = f2.DeflateRaw = f2.Gunzip = f2.Gzip = f2.Inflate = f2.Deflate = f2.Zlib = f2.ZlibError = f2.constants = void 0;
      var _s = na(__require("assert")), Ae = __require("buffer"), oa = We(), Hr = ra(__require("zlib")), te = ds(), aa = ds();
      Object.defineProperty(f2, "constants", { enumerable: true, get: function() {
        return aa.constants;
      } });
      var ha = Ae.Buffer.concat, Gr = Object.getOwnPropertyDescriptor(Ae.Buffer, "concat"), la = (s2) => s2, ms = Gr?.writable === true || Gr?.set !== void 0 ? (s2) => {
        Ae.Buffer.concat = s2 ? la : ha;
      } : (s2) => {
      }, Ie = /* @__PURE__ */ Symbol("_superWrite"), Fe = class extends Error {
        code;
        errno;
        constructor(e, t) {
          super("zlib: " + e.message, { cause: e }), this.code = e.code, this.errno = e.errno, this.code || (this.code = "ZLIB_ERROR"), this.message = "zlib: " + e.message, Error.captureStackTrace(this, t ?? this.constructor);
        }
        get name() {
          return "ZlibError";
        }
      };
      f2.ZlibError = Fe;
      var ps = /* @__PURE__ */ Symbol("flushFlag"), St = class extends oa.Minipass {
        #e = false;
        #i = false;
        #s;
        #n;
        #r;
        #t;
        #o;
        get sawError() {
          return this.#e;
        }
        get handle() {
          return this.#t;
        }
        get flushFlag() {
          return this.#s;
        }
        constructor(e, t) {
          if (!e || typeof e != "object") throw new TypeError("invalid options for ZlibBase constructor");
          if (super(e), this.#s = e.flush ?? 0, this.#n = e.finishFlush ?? 0, this.#r = e.fullFlushFlag ?? 0, typeof Hr[t] != "function") throw new TypeError("Compression method not supported: " + t);
          try {
            this.#t = new Hr[t](e);
          } catch (i) {
            throw new Fe(i, this.constructor);
          }
          this.#o = (i) => {
            this.#e || (this.#e = true, this.close(), this.emit("error", i));
          }, this.#t?.on("error", (i) => this.#o(new Fe(i))), this.once("end", () => this.close);
        }
        close() {
          this.#t && (this.#t.close(), this.#t = void 0, this.emit("close"));
        }
        reset() {
          if (!this.#e) return (0, _s.default)(this.#t, "zlib binding closed"), this.#t.reset?.();
        }
        flush(e) {
          this.ended || (typeof e != "number" && (e = this.#r), this.write(Object.assign(Ae.Buffer.alloc(0), { [ps]: e })));
        }
        end(e, t, i) {
          return typeof e == "function" && (i = e, t = void 0, e = void 0), typeof t == "function" && (i = t, t = void 0), e && (t ? this.write(e, t) : this.write(e)), this.flush(this.#n), this.#i = true, super.end(i);
        }
        get ended() {
          return this.#i;
        }
        [Ie](e) {
          return super.write(e);
        }
        write(e, t, i) {
          if (typeof t == "function" && (i = t, t = "utf8"), typeof e == "string" && (e = Ae.Buffer.from(e, t)), this.#e) return;
          (0, _s.default)(this.#t, "zlib binding closed");
          let r = this.#t._handle, n2 = r.close;
          r.close = () => {
          };
          let o = this.#t.close;
          this.#t.close = () => {
          }, ms(true);
          let a;
          try {
            let l = typeof e[ps] == "number" ? e[ps] : this.#s;
            a = this.#t._processChunk(e, l), ms(false);
          } catch (l) {
            ms(false), this.#o(new Fe(l, this.write));
          } finally {
            this.#t && (this.#t._handle = r, r.close = n2, this.#t.close = o, this.#t.removeAllListeners("error"));
          }
          this.#t && this.#t.on("error", (l) => this.#o(new Fe(l, this.write)));
          let h;
          if (a) if (Array.isArray(a) && a.length > 0) {
            let l = a[0];
            h = this[Ie](Ae.Buffer.from(l));
            for (let c = 1; c < a.length; c++) h = this[Ie](a[c]);
          } else h = this[Ie](Ae.Buffer.from(a));
          return i && i(), h;
        }
      }, ie = class extends St {
        #e;
        #i;
        constructor(e, t) {
          e = e || {}, e.flush = e.flush || te.constants.Z_NO_FLUSH, e.finishFlush = e.finishFlush || te.constants.Z_FINISH, e.fullFlushFlag = te.constants.Z_FULL_FLUSH, super(e, t), this.#e = e.level, this.#i = e.strategy;
        }
        params(e, t) {
          if (!this.sawError) {
            if (!this.handle) throw new Error("cannot switch params when binding is closed");
            if (!this.handle.params) throw new Error("not supported in this implementation");
            if (this.#e !== e || this.#i !== t) {
              this.flush(te.constants.Z_SYNC_FLUSH), (0, _s.default)(this.handle, "zlib binding closed");
              let i = this.handle.flush;
              this.handle.flush = (r, n2) => {
                typeof r == "function" && (n2 = r, r = this.flushFlag), this.flush(r), n2?.();
              };
              try {
                this.handle.params(e, t);
              } finally {
                this.handle.flush = i;
              }
              this.handle && (this.#e = e, this.#i = t);
            }
          }
        }
      };
      f2.Zlib = ie;
      var ws = class extends ie {
        constructor(e) {
          super(e, "Deflate");
        }
      };
      f2.Deflate = ws;
      var ys = class extends ie {
        constructor(e) {
          super(e, "Inflate");
        }
      };
      f2.Inflate = ys;
      var Es = class extends ie {
        #e;
        constructor(e) {
          super(e, "Gzip"), this.#e = e && !!e.portable;
        }
        [Ie](e) {
          return this.#e ? (this.#e = false, e[9] = 255, super[Ie](e)) : super[Ie](e);
        }
      };
      f2.Gzip = Es;
      var bs = class extends ie {
        constructor(e) {
          super(e, "Gunzip");
        }
      };
      f2.Gunzip = bs;
      var Ss = class extends ie {
        constructor(e) {
          super(e, "DeflateRaw");
        }
      };
      f2.DeflateRaw = Ss;
      var gs = class extends ie {
        constructor(e) {
          super(e, "InflateRaw");
        }
      };
      f2.InflateRaw = gs;
      var Rs = class extends ie {
        constructor(e) {
          super(e, "Unzip");
        }
      };
      f2.Unzip = Rs;
      var ei = class extends St {
        constructor(e, t) {
          e = e || {}, e.flush = e.flush || te.constants.BROTLI_OPERATION_PROCESS, e.finishFlush = e.finishFlush || te.constants.BROTLI_OPERATION_FINISH, e.fullFlushFlag = te.constants.BROTLI_OPERATION_FLUSH, super(e, t);
        }
      }, Os = class extends ei {
        constructor(e) {
          super(e, "BrotliCompress");
        }
      };
      f2.BrotliCompress = Os;
      var vs = class extends ei {
        constructor(e) {
          super(e, "BrotliDecompress");
        }
      };
      f2.BrotliDecompress = vs;
      var ti = class extends St {
        constructor(e, t) {
          e = e || {}, e.flush = e.flush || te.constants.ZSTD_e_continue, e.finishFlush = e.finishFlush || te.constants.ZSTD_e_end, e.fullFlushFlag = te.constants.ZSTD_e_flush, super(e, t);
        }
      }, Ts = class extends ti {
        constructor(e) {
          super(e, "ZstdCompress");
        }
      };
      f2.ZstdCompress = Ts;
      var Ds = class extends ti {
        constructor(e) {
          super(e, "ZstdDecompress");
        }
      };
      f2.ZstdDecompress = Ds;
    });
    var Kr = d((Xe) => {
      "use strict";
      Object.defineProperty(Xe, "__esModule", { value: true });
      Xe.parse = Xe.encode = void 0;
      var ca = (s2, e) => {
        if (Number.isSafeInteger(s2)) s2 < 0 ? fa(s2, e) : ua(s2, e);
        else throw Error("cannot encode number outside of javascript safe integer range");
        return e;
      };
      Xe.encode = ca;
      var ua = (s2, e) => {
        e[0] = 128;
        for (var t = e.length; t > 1; t--) e[t - 1] = s2 & 255, s2 = Math.floor(s2 / 256);
      }, fa = (s2, e) => {
        e[0] = 255;
        var t = false;
        s2 = s2 * -1;
        for (var i = e.length; i > 1; i--) {
          var r = s2 & 255;
          s2 = Math.floor(s2 / 256), t ? e[i - 1] = Zr(r) : r === 0 ? e[i - 1] = 0 : (t = true, e[i - 1] = Yr(r));
        }
      }, da = (s2) => {
        let e = s2[0], t = e === 128 ? pa(s2.subarray(1, s2.length)) : e === 255 ? ma(s2) : null;
        if (t === null) throw Error("invalid base256 encoding");
        if (!Number.isSafeInteger(t)) throw Error("parsed number outside of javascript safe integer range");
        return t;
      };
      Xe.parse = da;
      var ma = (s2) => {
        for (var e = s2.length, t = 0, i = false, r = e - 1; r > -1; r--) {
          var n2 = Number(s2[r]), o;
          i ? o = Zr(n2) : n2 === 0 ? o = n2 : (i = true, o = Yr(n2)), o !== 0 && (t -= o * Math.pow(256, e - r - 1));
        }
        return t;
      }, pa = (s2) => {
        for (var e = s2.length, t = 0, i = e - 1; i > -1; i--) {
          var r = Number(s2[i]);
          r !== 0 && (t += r * Math.pow(256, e - i - 1));
        }
        return t;
      }, Zr = (s2) => (255 ^ s2) & 255, Yr = (s2) => (255 ^ s2) + 1 & 255;
    });
    var Ns = d((C) => {
      "use strict";
      Object.defineProperty(C, "__esModule", { value: true });
      C.code = C.name = C.normalFsTypes = C.isName = C.isCode = void 0;
      var _a = (s2) => C.name.has(s2);
      C.isCode = _a;
      var wa = (s2) => C.code.has(s2);
      C.isName = wa;
      C.normalFsTypes = /* @__PURE__ */ new Set(["0", "", "1", "2", "3", "4", "5", "6", "7", "D"]);
      C.name = /* @__PURE__ */ new Map([["0", "File"], ["", "OldFile"], ["1", "Link"], ["2", "SymbolicLink"], ["3", "CharacterDevice"], ["4", "BlockDevice"], ["5", "Directory"], ["6", "FIFO"], ["7", "ContiguousFile"], ["g", "GlobalExtendedHeader"], ["x", "ExtendedHeader"], ["A", "SolarisACL"], ["D", "GNUDumpDir"], ["I", "Inode"], ["K", "NextFileHasLongLinkpath"], ["L", "NextFileHasLongPath"], ["M", "ContinuationFile"], ["N", "OldGnuLongPath"], ["S", "SparseFile"], ["V", "TapeVolumeHeader"], ["X", "OldExtendedHeader"]]);
      C.code = new Map(Array.from(C.name).map((s2) => [s2[1], s2[0]]));
    });
    var et = d((se) => {
      "use strict";
      var ya = se && se.__createBinding || (Object.create ? (function(s2, e, t, i) {
        i === void 0 && (i = t);
        var r = Object.getOwnPropertyDescriptor(e, t);
        (!r || ("get" in r ? !e.__esModule : r.writable || r.configurable)) && (r = { enumerable: true, get: function() {
          return e[t];
        } }), Object.defineProperty(s2, i, r);
      }) : (function(s2, e, t, i) {
        i === void 0 && (i = t), s2[i] = e[t];
      })), Ea = se && se.__setModuleDefault || (Object.create ? (function(s2, e) {
        Object.defineProperty(s2, "default", { enumerable: true, value: e });
      }) : function(s2, e) {
        s2.default = e;
      }), Vr = se && se.__importStar || /* @__PURE__ */ (function() {
        var s2 = function(e) {
          return s2 = Object.getOwnPropertyNames || function(t) {
            var i = [];
            for (var r in t) Object.prototype.hasOwnProperty.call(t, r) && (i[i.length] = r);
            return i;
          }, s2(e);
        };
        return function(e) {
          if (e && e.__esModule) return e;
          var t = {};
          if (e != null) for (var i = s2(e), r = 0; r < i.length; r++) i[r] !== "default" && ya(t, e, i[r]);
          return Ea(t, e), t;
        };
      })();
      Object.defineProperty(se, "__esModule", { value: true });
      se.Header = void 0;
      var Qe = __require("node:path"), $r = Vr(Kr()), Je = Vr(Ns()), ba = (s2) => s2 === void 0 || s2 < 0 ? void 0 : s2, As = class {
        cksumValid = false;
        needPax = false;
        nullBlock = false;
        block;
        path;
        mode;
        uid;
        gid;
        size;
        cksum;
        #e = "Unsupported";
        linkpath;
        uname;
        gname;
        devmaj = 0;
        devmin = 0;
        atime;
        ctime;
        mtime;
        charset;
        comment;
        constructor(e, t = 0, i, r) {
          Buffer.isBuffer(e) ? this.decode(e, t || 0, i, r) : e && this.#i(e);
        }
        decode(e, t, i, r) {
          if (t || (t = 0), !e || !(e.length >= t + 512)) throw new Error("need 512 bytes for header");
          let n2 = Ce(e, t + 156, 1), o = Je.normalFsTypes.has(n2), a = o ? i : void 0, h = o ? r : void 0;
          if (this.path = a?.path ?? Ce(e, t, 100), this.mode = a?.mode ?? h?.mode ?? Se(e, t + 100, 8), this.uid = a?.uid ?? h?.uid ?? Se(e, t + 108, 8), this.gid = a?.gid ?? h?.gid ?? Se(e, t + 116, 8), this.size = ba(a?.size ?? h?.size ?? Se(e, t + 124, 12)), this.mtime = a?.mtime ?? h?.mtime ?? Ms(e, t + 136, 12), this.cksum = Se(e, t + 148, 12), h && this.#i(h, true), a && this.#i(a), Je.isCode(n2) && (this.#e = n2 || "0"), this.#e === "0" && this.path.slice(-1) === "/" && (this.#e = "5"), this.#e === "5" && (this.size = 0), this.linkpath = Ce(e, t + 157, 100), e.subarray(t + 257, t + 265).toString() === "ustar\x0000") if (this.uname = a?.uname ?? h?.uname ?? Ce(e, t + 265, 32), this.gname = a?.gname ?? h?.gname ?? Ce(e, t + 297, 32), this.devmaj = a?.devmaj ?? h?.devmaj ?? Se(e, t + 329, 8) ?? 0, this.devmin = a?.devmin ?? h?.devmin ?? Se(e, t + 337, 8) ?? 0, e[t + 475] !== 0) {
            let c = Ce(e, t + 345, 155);
            this.path = c + "/" + this.path;
          } else {
            let c = Ce(e, t + 345, 130);
            c && (this.path = c + "/" + this.path), this.atime = i?.atime ?? r?.atime ?? Ms(e, t + 476, 12), this.ctime = i?.ctime ?? r?.ctime ?? Ms(e, t + 488, 12);
          }
          let l = 256;
          for (let c = t; c < t + 148; c++) l += e[c];
          for (let c = t + 156; c < t + 512; c++) l += e[c];
          this.cksumValid = l === this.cksum, this.cksum === void 0 && l === 256 && (this.nullBlock = true);
        }
        #i(e, t = false) {
          Object.assign(this, Object.fromEntries(Object.entries(e).filter(([i, r]) => !(r == null || i === "size" && Number(r) < 0 || i === "path" && t || i === "linkpath" && t || i === "global"))));
        }
        encode(e, t = 0) {
          if (e || (e = this.block = Buffer.alloc(512)), this.#e === "Unsupported" && (this.#e = "0"), !(e.length >= t + 512)) throw new Error("need 512 bytes for header");
          let i = this.ctime || this.atime ? 130 : 155, r = Sa(this.path || "", i), n2 = r[0], o = r[1];
          this.needPax = !!r[2], this.needPax = Be(e, t, 100, n2) || this.needPax, this.needPax = ge(e, t + 100, 8, this.mode) || this.needPax, this.needPax = ge(e, t + 108, 8, this.uid) || this.needPax, this.needPax = ge(e, t + 116, 8, this.gid) || this.needPax, this.needPax = ge(e, t + 124, 12, this.size) || this.needPax, this.needPax = Ls(e, t + 136, 12, this.mtime) || this.needPax, e[t + 156] = Number(this.#e.codePointAt(0)), this.needPax = Be(e, t + 157, 100, this.linkpath) || this.needPax, e.write("ustar\x0000", t + 257, 8), this.needPax = Be(e, t + 265, 32, this.uname) || this.needPax, this.needPax = Be(e, t + 297, 32, this.gname) || this.needPax, this.needPax = ge(e, t + 329, 8, this.devmaj) || this.needPax, this.needPax = ge(e, t + 337, 8, this.devmin) || this.needPax, this.needPax = Be(e, t + 345, i, o) || this.needPax, e[t + 475] !== 0 ? this.needPax = Be(e, t + 345, 155, o) || this.needPax : (this.needPax = Be(e, t + 345, 130, o) || this.needPax, this.needPax = Ls(e, t + 476, 12, this.atime) || this.needPax, this.needPax = Ls(e, t + 488, 12, this.ctime) || this.needPax);
          let a = 256;
          for (let h = t; h < t + 148; h++) a += e[h];
          for (let h = t + 156; h < t + 512; h++) a += e[h];
          return this.cksum = a, ge(e, t + 148, 8, this.cksum), this.cksumValid = true, this.needPax;
        }
        get type() {
          return this.#e === "Unsupported" ? this.#e : Je.name.get(this.#e);
        }
        get typeKey() {
          return this.#e;
        }
        set type(e) {
          let t = String(Je.code.get(e));
          if (Je.isCode(t) || t === "Unsupported") this.#e = t;
          else if (Je.isCode(e)) this.#e = e;
          else throw new TypeError("invalid entry type: " + e);
        }
      };
      se.Header = As;
      var Sa = (s2, e) => {
        let i = s2, r = "", n2, o = Qe.posix.parse(s2).root || ".";
        if (Buffer.byteLength(i) < 100) n2 = [i, r, false];
        else {
          r = Qe.posix.dirname(i), i = Qe.posix.basename(i);
          do
            Buffer.byteLength(i) <= 100 && Buffer.byteLength(r) <= e ? n2 = [i, r, false] : Buffer.byteLength(i) > 100 && Buffer.byteLength(r) <= e ? n2 = [i.slice(0, 99), r, true] : (i = Qe.posix.join(Qe.posix.basename(r), i), r = Qe.posix.dirname(r));
          while (r !== o && n2 === void 0);
          n2 || (n2 = [s2.slice(0, 99), "", true]);
        }
        return n2;
      }, Ce = (s2, e, t) => s2.subarray(e, e + t).toString("utf8").replace(/\0.*/, ""), Ms = (s2, e, t) => ga(Se(s2, e, t)), ga = (s2) => s2 === void 0 ? void 0 : new Date(s2 * 1e3), Se = (s2, e, t) => Number(s2[e]) & 128 ? $r.parse(s2.subarray(e, e + t)) : Oa(s2, e, t), Ra = (s2) => isNaN(s2) ? void 0 : s2, Oa = (s2, e, t) => Ra(parseInt(s2.subarray(e, e + t).toString("utf8").replace(/\0.*$/, "").trim(), 8)), va = { 12: 8589934591, 8: 2097151 }, ge = (s2, e, t, i) => i === void 0 ? false : i > va[t] || i < 0 ? ($r.encode(i, s2.subarray(e, e + t)), true) : (Ta(s2, e, t, i), false), Ta = (s2, e, t, i) => s2.write(Da(i, t), e, t, "ascii"), Da = (s2, e) => Pa(Math.floor(s2).toString(8), e), Pa = (s2, e) => (s2.length === e - 1 ? s2 : new Array(e - s2.length - 1).join("0") + s2 + " ") + "\0", Ls = (s2, e, t, i) => i === void 0 ? false : ge(s2, e, t, i.getTime() / 1e3), Na = new Array(156).join("\0"), Be = (s2, e, t, i) => i === void 0 ? false : (s2.write(i + Na, e, t, "utf8"), i.length !== Buffer.byteLength(i) || i.length > t);
    });
    var si = d((ii) => {
      "use strict";
      Object.defineProperty(ii, "__esModule", { value: true });
      ii.Pax = void 0;
      var Ma = __require("node:path"), La = et(), Is = class s2 {
        atime;
        mtime;
        ctime;
        charset;
        comment;
        gid;
        uid;
        gname;
        uname;
        linkpath;
        dev;
        ino;
        nlink;
        path;
        size;
        mode;
        global;
        constructor(e, t = false) {
          this.atime = e.atime, this.charset = e.charset, this.comment = e.comment, this.ctime = e.ctime, this.dev = e.dev, this.gid = e.gid, this.global = t, this.gname = e.gname, this.ino = e.ino, this.linkpath = e.linkpath, this.mtime = e.mtime, this.nlink = e.nlink, this.path = e.path, this.size = e.size, this.uid = e.uid, this.uname = e.uname;
        }
        encode() {
          let e = this.encodeBody();
          if (e === "") return Buffer.allocUnsafe(0);
          let t = Buffer.byteLength(e), i = 512 * Math.ceil(1 + t / 512), r = Buffer.allocUnsafe(i);
          for (let n2 = 0; n2 < 512; n2++) r[n2] = 0;
          new La.Header({ path: ("PaxHeader/" + (0, Ma.basename)(this.path ?? "")).slice(0, 99), mode: this.mode || 420, uid: this.uid, gid: this.gid, size: t, mtime: this.mtime, type: this.global ? "GlobalExtendedHeader" : "ExtendedHeader", linkpath: "", uname: this.uname || "", gname: this.gname || "", devmaj: 0, devmin: 0, atime: this.atime, ctime: this.ctime }).encode(r), r.write(e, 512, t, "utf8");
          for (let n2 = t + 512; n2 < r.length; n2++) r[n2] = 0;
          return r;
        }
        encodeBody() {
          return this.encodeField("path") + this.encodeField("ctime") + this.encodeField("atime") + this.encodeField("dev") + this.encodeField("ino") + this.encodeField("nlink") + this.encodeField("charset") + this.encodeField("comment") + this.encodeField("gid") + this.encodeField("gname") + this.encodeField("linkpath") + this.encodeField("mtime") + this.encodeField("size") + this.encodeField("uid") + this.encodeField("uname");
        }
        encodeField(e) {
          if (this[e] === void 0) return "";
          let t = this[e], i = t instanceof Date ? t.getTime() / 1e3 : t, r = " " + (e === "dev" || e === "ino" || e === "nlink" ? "SCHILY." : "") + e + "=" + i + `
`, n2 = Buffer.byteLength(r), o = Math.floor(Math.log(n2) / Math.log(10)) + 1;
          return n2 + o >= Math.pow(10, o) && (o += 1), o + n2 + r;
        }
        static parse(e, t, i = false) {
          return new s2(Aa(Ia(e), t), i);
        }
      };
      ii.Pax = Is;
      var Aa = (s2, e) => e ? Object.assign({}, e, s2) : s2, Ia = (s2) => s2.replace(/\n$/, "").split(`
`).reduce(Fa, /* @__PURE__ */ Object.create(null)), Fa = (s2, e) => {
        let t = parseInt(e, 10);
        if (t !== Buffer.byteLength(e) + 1) return s2;
        e = e.slice((t + " ").length);
        let i = e.split("="), r = i.shift();
        if (!r) return s2;
        let n2 = r.replace(/^SCHILY\.(dev|ino|nlink)/, "$1"), o = i.join("=").replace(/\0.*/, "");
        switch (n2) {
          case "path":
          case "linkpath":
          case "type":
          case "charset":
          case "comment":
          case "gname":
          case "uname":
            s2[n2] = o;
            break;
          case "ctime":
          case "atime":
          case "mtime":
            s2[n2] = new Date(Number(o) * 1e3);
            break;
          case "size":
            let a = +o;
            a >= 0 && (s2[n2] = a);
            break;
          case "gid":
          case "uid":
          case "dev":
          case "ino":
          case "nlink":
          case "mode":
            s2[n2] = +o;
            break;
        }
        return s2;
      };
    });
    var tt = d((ri) => {
      "use strict";
      Object.defineProperty(ri, "__esModule", { value: true });
      ri.normalizeWindowsPath = void 0;
      var Ca = process.env.TESTING_TAR_FAKE_PLATFORM || process.platform;
      ri.normalizeWindowsPath = Ca !== "win32" ? (s2) => String(s2) : (s2) => String(s2).replaceAll(/\\/g, "/");
    });
    var Cs = d((oi) => {
      "use strict";
      Object.defineProperty(oi, "__esModule", { value: true });
      oi.ReadEntry = void 0;
      var Ba = We(), ni = tt(), Fs = class extends Ba.Minipass {
        extended;
        globalExtended;
        header;
        startBlockSize;
        blockRemain;
        remain;
        type;
        meta = false;
        ignore = false;
        path;
        mode;
        uid;
        gid;
        uname;
        gname;
        size = 0;
        mtime;
        atime;
        ctime;
        linkpath;
        dev;
        ino;
        nlink;
        invalid = false;
        absolute;
        unsupported = false;
        constructor(e, t, i) {
          switch (super({}), this.pause(), this.extended = t, this.globalExtended = i, this.header = e, this.remain = e.size ?? 0, this.startBlockSize = 512 * Math.ceil(this.remain / 512), this.blockRemain = this.startBlockSize, this.type = e.type, this.type) {
            case "File":
            case "OldFile":
            case "Link":
            case "SymbolicLink":
            case "CharacterDevice":
            case "BlockDevice":
            case "Directory":
            case "FIFO":
            case "ContiguousFile":
            case "GNUDumpDir":
              break;
            case "NextFileHasLongLinkpath":
            case "NextFileHasLongPath":
            case "OldGnuLongPath":
            case "GlobalExtendedHeader":
            case "ExtendedHeader":
            case "OldExtendedHeader":
              this.meta = true;
              break;
            default:
              this.ignore = true;
          }
          if (!e.path) throw new Error("no path provided for tar.ReadEntry");
          this.path = (0, ni.normalizeWindowsPath)(e.path), this.mode = e.mode, this.mode && (this.mode = this.mode & 4095), this.uid = e.uid, this.gid = e.gid, this.uname = e.uname, this.gname = e.gname, this.size = this.remain, this.mtime = e.mtime, this.atime = e.atime, this.ctime = e.ctime, this.linkpath = e.linkpath ? (0, ni.normalizeWindowsPath)(e.linkpath) : void 0, this.uname = e.uname, this.gname = e.gname, t && this.#e(t), i && this.#e(i, true);
        }
        write(e) {
          let t = e.length;
          if (t > this.blockRemain) throw new Error("writing more to entry than is appropriate");
          let i = this.remain, r = this.blockRemain;
          return this.remain = Math.max(0, i - t), this.blockRemain = Math.max(0, r - t), this.ignore ? true : i >= t ? super.write(e) : super.write(e.subarray(0, i));
        }
        #e(e, t = false) {
          e.path && (e.path = (0, ni.normalizeWindowsPath)(e.path)), e.linkpath && (e.linkpath = (0, ni.normalizeWindowsPath)(e.linkpath)), Object.assign(this, Object.fromEntries(Object.entries(e).filter(([i, r]) => !(r == null || i === "path" && t))));
        }
      };
      oi.ReadEntry = Fs;
    });
    var hi = d((ai) => {
      "use strict";
      Object.defineProperty(ai, "__esModule", { value: true });
      ai.warnMethod = void 0;
      var za = (s2, e, t, i = {}) => {
        s2.file && (i.file = s2.file), s2.cwd && (i.cwd = s2.cwd), i.code = t instanceof Error && t.code || e, i.tarCode = e, !s2.strict && i.recoverable !== false ? (t instanceof Error && (i = Object.assign(t, i), t = t.message), s2.emit("warn", e, t, i)) : t instanceof Error ? s2.emit("error", Object.assign(t, i)) : s2.emit("error", Object.assign(new Error(`${e}: ${t}`), i));
      };
      ai.warnMethod = za;
    });
    var _i = d((pi) => {
      "use strict";
      Object.defineProperty(pi, "__esModule", { value: true });
      pi.Parser = void 0;
      var ka = __require("events"), Bs = Ps(), Xr = et(), Qr = si(), xa = Cs(), ja = hi(), Ua = 1024 * 1024, qs = Buffer.from([31, 139]), Ws = Buffer.from([40, 181, 47, 253]), qa = Math.max(qs.length, Ws.length), H = /* @__PURE__ */ Symbol("state"), ze = /* @__PURE__ */ Symbol("writeEntry"), me = /* @__PURE__ */ Symbol("readEntry"), zs = /* @__PURE__ */ Symbol("nextEntry"), Jr = /* @__PURE__ */ Symbol("processEntry"), re = /* @__PURE__ */ Symbol("extendedHeader"), gt = /* @__PURE__ */ Symbol("globalExtendedHeader"), Re = /* @__PURE__ */ Symbol("meta"), en = /* @__PURE__ */ Symbol("emitMeta"), _ = /* @__PURE__ */ Symbol("buffer"), pe = /* @__PURE__ */ Symbol("queue"), Oe = /* @__PURE__ */ Symbol("ended"), ks = /* @__PURE__ */ Symbol("emittedEnd"), ke = /* @__PURE__ */ Symbol("emit"), y = /* @__PURE__ */ Symbol("unzip"), li = /* @__PURE__ */ Symbol("consumeChunk"), ci = /* @__PURE__ */ Symbol("consumeChunkSub"), xs = /* @__PURE__ */ Symbol("consumeBody"), tn = /* @__PURE__ */ Symbol("consumeMeta"), sn = /* @__PURE__ */ Symbol("consumeHeader"), Rt = /* @__PURE__ */ Symbol("consuming"), js = /* @__PURE__ */ Symbol("bufferConcat"), ui = /* @__PURE__ */ Symbol("maybeEnd"), it = /* @__PURE__ */ Symbol("writing"), ne = /* @__PURE__ */ Symbol("aborted"), fi = /* @__PURE__ */ Symbol("onDone"), xe = /* @__PURE__ */ Symbol("sawValidEntry"), di = /* @__PURE__ */ Symbol("sawNullBlock"), mi = /* @__PURE__ */ Symbol("sawEOF"), rn = /* @__PURE__ */ Symbol("closeStream"), Wa = 1e3, Ot = /* @__PURE__ */ Symbol("compressedBytesRead"), Us = /* @__PURE__ */ Symbol("decompressedBytesRead"), nn = /* @__PURE__ */ Symbol("checkDecompressionRatio"), Ha = () => true, Hs = class extends ka.EventEmitter {
        file;
        strict;
        maxMetaEntrySize;
        filter;
        brotli;
        zstd;
        maxDecompressionRatio;
        writable = true;
        readable = false;
        [pe] = [];
        [_];
        [me];
        [ze];
        [H] = "begin";
        [Re] = "";
        [re];
        [gt];
        [Oe] = false;
        [y];
        [ne] = false;
        [xe];
        [di] = false;
        [mi] = false;
        [it] = false;
        [Rt] = false;
        [ks] = false;
        [Ot] = 0;
        [Us] = 0;
        constructor(e = {}) {
          super(), this.file = e.file || "", this.on(fi, () => {
            (this[H] === "begin" || this[xe] === false) && this.warn("TAR_BAD_ARCHIVE", "Unrecognized archive format");
          }), e.ondone ? this.on(fi, e.ondone) : this.on(fi, () => {
            this.emit("prefinish"), this.emit("finish"), this.emit("end");
          }), this.strict = !!e.strict, this.maxDecompressionRatio = typeof e.maxDecompressionRatio == "number" ? e.maxDecompressionRatio : Wa, this.maxMetaEntrySize = e.maxMetaEntrySize || Ua, this.filter = typeof e.filter == "function" ? e.filter : Ha;
          let t = e.file && (e.file.endsWith(".tar.br") || e.file.endsWith(".tbr"));
          this.brotli = !(e.gzip || e.zstd) && e.brotli !== void 0 ? e.brotli : t ? void 0 : false;
          let i = e.file && (e.file.endsWith(".tar.zst") || e.file.endsWith(".tzst"));
          this.zstd = !(e.gzip || e.brotli) && e.zstd !== void 0 ? e.zstd : i ? true : void 0, this.on("end", () => this[rn]()), typeof e.onwarn == "function" && this.on("warn", e.onwarn), typeof e.onReadEntry == "function" && this.on("entry", e.onReadEntry);
        }
        warn(e, t, i = {}) {
          (0, ja.warnMethod)(this, e, t, i);
        }
        [sn](e, t) {
          this[xe] === void 0 && (this[xe] = false);
          let i;
          try {
            i = new Xr.Header(e, t, this[re], this[gt]);
          } catch (r) {
            return this.warn("TAR_ENTRY_INVALID", r);
          }
          if (i.nullBlock) this[di] ? (this[mi] = true, this[H] === "begin" && (this[H] = "header"), this[ke]("eof")) : (this[di] = true, this[ke]("nullBlock"));
          else if (this[di] = false, !i.cksumValid) this.warn("TAR_ENTRY_INVALID", "checksum failure", { header: i });
          else if (!i.path) this.warn("TAR_ENTRY_INVALID", "path is required", { header: i });
          else {
            let r = i.type;
            if (/^(Symbolic)?Link$/.test(r) && !i.linkpath) this.warn("TAR_ENTRY_INVALID", "linkpath required", { header: i });
            else if (!/^(Symbolic)?Link$/.test(r) && !/^(Global)?ExtendedHeader$/.test(r) && i.linkpath) this.warn("TAR_ENTRY_INVALID", "linkpath forbidden", { header: i });
            else {
              let n2 = this[ze] = new xa.ReadEntry(i, this[re], this[gt]);
              if (!this[xe]) if (n2.remain) {
                let o = () => {
                  n2.invalid || (this[xe] = true);
                };
                n2.on("end", o);
              } else this[xe] = true;
              n2.meta ? n2.size > this.maxMetaEntrySize ? (n2.ignore = true, this[ke]("ignoredEntry", n2), this[H] = "ignore", n2.resume()) : n2.size > 0 && (this[Re] = "", n2.on("data", (o) => this[Re] += o), this[H] = "meta") : (this[re] = void 0, n2.ignore = n2.ignore || !this.filter(n2.path, n2), n2.ignore ? (this[ke]("ignoredEntry", n2), this[H] = n2.remain ? "ignore" : "header", n2.resume()) : (n2.remain ? this[H] = "body" : (this[H] = "header", n2.end()), this[me] ? this[pe].push(n2) : (this[pe].push(n2), this[zs]())));
            }
          }
        }
        [rn]() {
          queueMicrotask(() => this.emit("close"));
        }
        [Jr](e) {
          let t = true;
          if (!e) this[me] = void 0, t = false;
          else if (Array.isArray(e)) {
            let [i, ...r] = e;
            this.emit(i, ...r);
          } else this[me] = e, this.emit("entry", e), e.emittedEnd || (e.on("end", () => this[zs]()), t = false);
          return t;
        }
        [zs]() {
          do
            ;
          while (this[Jr](this[pe].shift()));
          if (this[pe].length === 0) {
            let e = this[me];
            !e || e.flowing || e.size === e.remain ? this[it] || this.emit("drain") : e.once("drain", () => this.emit("drain"));
          }
        }
        [xs](e, t) {
          let i = this[ze];
          if (!i) throw new Error("attempt to consume body without entry??");
          let r = i.blockRemain ?? 0, n2 = r >= e.length && t === 0 ? e : e.subarray(t, t + r);
          return i.write(n2), i.blockRemain || (this[H] = "header", this[ze] = void 0, i.end()), n2.length;
        }
        [tn](e, t) {
          let i = this[ze], r = this[xs](e, t);
          return !this[ze] && i && this[en](i), r;
        }
        [ke](e, t, i) {
          this[pe].length === 0 && !this[me] ? this.emit(e, t, i) : this[pe].push([e, t, i]);
        }
        [en](e) {
          switch (this[ke]("meta", this[Re]), e.type) {
            case "ExtendedHeader":
            case "OldExtendedHeader":
              this[re] = Qr.Pax.parse(this[Re], this[re], false);
              break;
            case "GlobalExtendedHeader":
              this[gt] = Qr.Pax.parse(this[Re], this[gt], true);
              break;
            case "NextFileHasLongPath":
            case "OldGnuLongPath": {
              let t = this[re] ?? /* @__PURE__ */ Object.create(null);
              this[re] = t, t.path = this[Re].replace(/\0.*/, "");
              break;
            }
            case "NextFileHasLongLinkpath": {
              let t = this[re] || /* @__PURE__ */ Object.create(null);
              this[re] = t, t.linkpath = this[Re].replace(/\0.*/, "");
              break;
            }
            default:
              throw new Error("unknown meta: " + e.type);
          }
        }
        abort(e) {
          if (!this[ne]) {
            if (this[y]) {
              let t = this[y];
              t.write = () => true, t.end = () => t, t.emit = () => false, t.destroy?.();
            }
            this[ne] = true, this.emit("abort", e), this.warn("TAR_ABORT", e, { recoverable: false });
          }
        }
        [nn](e) {
          this[Us] += e.length;
          let t = this[Us] / this[Ot];
          return t > this.maxDecompressionRatio ? (this.abort(new Error(`max decompression ratio exceeded: ${t.toFixed(2)} > ${this.maxDecompressionRatio}`)), false) : true;
        }
        write(e, t, i) {
          if (typeof t == "function" && (i = t, t = void 0), typeof e == "string" && (e = Buffer.from(e, typeof t == "string" ? t : "utf8")), this[ne]) return i?.(), false;
          if ((this[y] === void 0 || this.brotli === void 0 && this[y] === false) && e) {
            if (this[_] && (e = Buffer.concat([this[_], e]), this[_] = void 0), e.length < qa) return this[_] = e, i?.(), true;
            for (let h = 0; this[y] === void 0 && h < qs.length; h++) e[h] !== qs[h] && (this[y] = false);
            let o = false;
            if (this[y] === false && this.zstd !== false) {
              o = true;
              for (let h = 0; h < Ws.length; h++) if (e[h] !== Ws[h]) {
                o = false;
                break;
              }
            }
            let a = this.brotli === void 0 && !o;
            if (this[y] === false && a) if (e.length < 512) if (this[Oe]) this.brotli = true;
            else return this[_] = e, i?.(), true;
            else try {
              new Xr.Header(e.subarray(0, 512)), this.brotli = false;
            } catch {
              this.brotli = true;
            }
            if (this[y] === void 0 || this[y] === false && (this.brotli || o)) {
              let h = this[Oe];
              this[Oe] = false, this[y] = this[y] === void 0 ? new Bs.Unzip({}) : o ? new Bs.ZstdDecompress({}) : new Bs.BrotliDecompress({}), this[y].on("data", (c) => {
                this[nn](c) && this[li](c);
              }), this[y].on("error", (c) => {
                this[ne] || this.abort(c);
              }), this[y].on("end", () => {
                this[Oe] = true, this[li]();
              }), this[it] = true, this[Ot] += e.length;
              let l = !!this[y][h ? "end" : "write"](e);
              return this[it] = false, i?.(), l;
            }
          }
          this[it] = true, this[y] ? (this[Ot] += e.length, this[y].write(e)) : this[li](e), this[it] = false;
          let n2 = this[pe].length > 0 ? false : this[me] ? this[me].flowing : true;
          return !n2 && this[pe].length === 0 && this[me]?.once("drain", () => this.emit("drain")), i?.(), n2;
        }
        [js](e) {
          e && !this[ne] && (this[_] = this[_] ? Buffer.concat([this[_], e]) : e);
        }
        [ui]() {
          if (this[Oe] && !this[ks] && !this[ne] && !this[Rt]) {
            this[ks] = true;
            let e = this[ze];
            if (e?.blockRemain) {
              let t = this[_] ? this[_].length : 0;
              this.warn("TAR_BAD_ARCHIVE", `Truncated input (needed ${e.blockRemain} more bytes, only ${t} available)`, { entry: e }), this[_] && e.write(this[_]), e.end();
            }
            this[ke](fi);
          }
        }
        [li](e) {
          if (this[Rt] && e) this[js](e);
          else if (!e && !this[_]) this[ui]();
          else if (e) {
            if (this[Rt] = true, this[_]) {
              this[js](e);
              let t = this[_];
              this[_] = void 0, this[ci](t);
            } else this[ci](e);
            for (; this[_] && this[_]?.length >= 512 && !this[ne] && !this[mi]; ) {
              let t = this[_];
              this[_] = void 0, this[ci](t);
            }
            this[Rt] = false;
          }
          (!this[_] || this[Oe]) && this[ui]();
        }
        [ci](e) {
          let t = 0, i = e.length;
          for (; t + 512 <= i && !this[ne] && !this[mi]; ) switch (this[H]) {
            case "begin":
            case "header":
              this[sn](e, t), t += 512;
              break;
            case "ignore":
            case "body":
              t += this[xs](e, t);
              break;
            case "meta":
              t += this[tn](e, t);
              break;
            default:
              throw new Error("invalid state: " + this[H]);
          }
          t < i && (this[_] = this[_] ? Buffer.concat([e.subarray(t), this[_]]) : e.subarray(t));
        }
        end(e, t, i) {
          return typeof e == "function" && (i = e, t = void 0, e = void 0), typeof t == "function" && (i = t, t = void 0), typeof e == "string" && (e = Buffer.from(e, t)), i && this.once("finish", i), this[ne] || (this[y] ? (e && (this[Ot] += e.length, this[y].write(e)), this[y].end()) : (this[Oe] = true, (this.brotli === void 0 || this.zstd === void 0) && (e = e || Buffer.alloc(0)), e && this.write(e), this[ui]())), this;
        }
      };
      pi.Parser = Hs;
    });
    var yi = d((wi) => {
      "use strict";
      Object.defineProperty(wi, "__esModule", { value: true });
      wi.stripTrailingSlashes = void 0;
      var Ga = (s2) => {
        let e = s2.length - 1, t = -1;
        for (; e > -1 && s2.charAt(e) === "/"; ) t = e, e--;
        return t === -1 ? s2 : s2.slice(0, t);
      };
      wi.stripTrailingSlashes = Ga;
    });
    var rt = d((B) => {
      "use strict";
      var Za = B && B.__createBinding || (Object.create ? (function(s2, e, t, i) {
        i === void 0 && (i = t);
        var r = Object.getOwnPropertyDescriptor(e, t);
        (!r || ("get" in r ? !e.__esModule : r.writable || r.configurable)) && (r = { enumerable: true, get: function() {
          return e[t];
        } }), Object.defineProperty(s2, i, r);
      }) : (function(s2, e, t, i) {
        i === void 0 && (i = t), s2[i] = e[t];
      })), Ya = B && B.__setModuleDefault || (Object.create ? (function(s2, e) {
        Object.defineProperty(s2, "default", { enumerable: true, value: e });
      }) : function(s2, e) {
        s2.default = e;
      }), Ka = B && B.__importStar || /* @__PURE__ */ (function() {
        var s2 = function(e) {
          return s2 = Object.getOwnPropertyNames || function(t) {
            var i = [];
            for (var r in t) Object.prototype.hasOwnProperty.call(t, r) && (i[i.length] = r);
            return i;
          }, s2(e);
        };
        return function(e) {
          if (e && e.__esModule) return e;
          var t = {};
          if (e != null) for (var i = s2(e), r = 0; r < i.length; r++) i[r] !== "default" && Za(t, e, i[r]);
          return Ya(t, e), t;
        };
      })(), Va = B && B.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(B, "__esModule", { value: true });
      B.list = B.filesFilter = void 0;
      var $a = Ka(Ke()), st = Va(__require("node:fs")), on = __require("path"), Xa = Ve(), Ei = _i(), Gs = yi(), Qa = (s2) => {
        let e = s2.onReadEntry;
        s2.onReadEntry = e ? (t) => {
          e(t), t.resume();
        } : (t) => t.resume();
      }, Ja = (s2, e) => {
        let t = new Map(e.map((o) => [(0, Gs.stripTrailingSlashes)(o), true])), i = s2.filter, r = 100, n2 = (o, a = "", h = 0) => {
          if (h >= r) return t.set(o, false), false;
          let l = a || (0, on.parse)(o).root || ".", c;
          if (o === l) c = false;
          else {
            let u = t.get(o);
            c = u !== void 0 ? u : n2((0, on.dirname)(o), l, h + 1);
          }
          return t.set(o, c), c;
        };
        s2.filter = i ? (o, a) => i(o, a) && n2((0, Gs.stripTrailingSlashes)(o)) : (o) => n2((0, Gs.stripTrailingSlashes)(o));
      };
      B.filesFilter = Ja;
      var eh = (s2) => {
        let e = new Ei.Parser(s2), t = s2.file, i;
        try {
          i = st.default.openSync(t, "r");
          let r = st.default.fstatSync(i), n2 = s2.maxReadSize || 16 * 1024 * 1024;
          if (r.size < n2) {
            let o = Buffer.allocUnsafe(r.size), a = st.default.readSync(i, o, 0, r.size, 0);
            e.end(a === o.byteLength ? o : o.subarray(0, a));
          } else {
            let o = 0, a = Buffer.allocUnsafe(n2);
            for (; o < r.size; ) {
              let h = st.default.readSync(i, a, 0, n2, o);
              if (h === 0) break;
              o += h, e.write(a.subarray(0, h));
            }
            e.end();
          }
        } finally {
          if (typeof i == "number") try {
            st.default.closeSync(i);
          } catch {
          }
        }
      }, th = (s2, e) => {
        let t = new Ei.Parser(s2), i = s2.maxReadSize || 16 * 1024 * 1024, r = s2.file;
        return new Promise((o, a) => {
          t.on("error", a), t.on("end", o), st.default.stat(r, (h, l) => {
            if (h) a(h);
            else {
              let c = new $a.ReadStream(r, { readSize: i, size: l.size });
              c.on("error", a), c.pipe(t);
            }
          });
        });
      };
      B.list = (0, Xa.makeCommand)(eh, th, (s2) => new Ei.Parser(s2), (s2) => new Ei.Parser(s2), (s2, e) => {
        e?.length && (0, B.filesFilter)(s2, e), s2.noResume || Qa(s2);
      });
    });
    var an = d((bi) => {
      "use strict";
      Object.defineProperty(bi, "__esModule", { value: true });
      bi.modeFix = void 0;
      var ih = (s2, e, t) => (s2 &= 4095, t && (s2 = (s2 | 384) & -19), e && (s2 & 256 && (s2 |= 64), s2 & 32 && (s2 |= 8), s2 & 4 && (s2 |= 1)), s2);
      bi.modeFix = ih;
    });
    var Zs = d((Si) => {
      "use strict";
      Object.defineProperty(Si, "__esModule", { value: true });
      Si.stripAbsolutePath = void 0;
      var sh = __require("node:path"), { isAbsolute: rh, parse: hn } = sh.win32, nh = (s2) => {
        let e = "", t = hn(s2);
        for (; rh(s2) || t.root; ) {
          let i = s2.charAt(0) === "/" && s2.slice(0, 4) !== "//?/" ? "/" : t.root;
          s2 = s2.slice(i.length), e += i, t = hn(s2);
        }
        return [e, s2];
      };
      Si.stripAbsolutePath = nh;
    });
    var Ks = d((nt) => {
      "use strict";
      Object.defineProperty(nt, "__esModule", { value: true });
      nt.decode = nt.encode = void 0;
      var gi = ["|", "<", ">", "?", ":"], Ys = gi.map((s2) => String.fromCodePoint(61440 + Number(s2.codePointAt(0)))), oh = new Map(gi.map((s2, e) => [s2, Ys[e]])), ah = new Map(Ys.map((s2, e) => [s2, gi[e]])), hh = (s2) => gi.reduce((e, t) => e.split(t).join(oh.get(t)), s2);
      nt.encode = hh;
      var lh = (s2) => Ys.reduce((e, t) => e.split(t).join(ah.get(t)), s2);
      nt.decode = lh;
    });
    var nr = d((M) => {
      "use strict";
      var ch = M && M.__createBinding || (Object.create ? (function(s2, e, t, i) {
        i === void 0 && (i = t);
        var r = Object.getOwnPropertyDescriptor(e, t);
        (!r || ("get" in r ? !e.__esModule : r.writable || r.configurable)) && (r = { enumerable: true, get: function() {
          return e[t];
        } }), Object.defineProperty(s2, i, r);
      }) : (function(s2, e, t, i) {
        i === void 0 && (i = t), s2[i] = e[t];
      })), uh = M && M.__setModuleDefault || (Object.create ? (function(s2, e) {
        Object.defineProperty(s2, "default", { enumerable: true, value: e });
      }) : function(s2, e) {
        s2.default = e;
      }), fh = M && M.__importStar || /* @__PURE__ */ (function() {
        var s2 = function(e) {
          return s2 = Object.getOwnPropertyNames || function(t) {
            var i = [];
            for (var r in t) Object.prototype.hasOwnProperty.call(t, r) && (i[i.length] = r);
            return i;
          }, s2(e);
        };
        return function(e) {
          if (e && e.__esModule) return e;
          var t = {};
          if (e != null) for (var i = s2(e), r = 0; r < i.length; r++) i[r] !== "default" && ch(t, e, i[r]);
          return uh(t, e), t;
        };
      })(), mn = M && M.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(M, "__esModule", { value: true });
      M.WriteEntryTar = M.WriteEntrySync = M.WriteEntry = void 0;
      var ae = mn(__require("fs")), pn = We(), ln = mn(__require("path")), _n = et(), wn = an(), oe = tt(), yn = Qt(), En = si(), bn = Zs(), dh = yi(), Sn = hi(), mh = fh(Ks()), gn = (s2, e) => e ? (s2 = (0, oe.normalizeWindowsPath)(s2).replace(/^\.(\/|$)/, ""), (0, dh.stripTrailingSlashes)(e) + "/" + s2) : (0, oe.normalizeWindowsPath)(s2), ph = 16 * 1024 * 1024, cn = /* @__PURE__ */ Symbol("process"), un = /* @__PURE__ */ Symbol("file"), fn = /* @__PURE__ */ Symbol("directory"), $s = /* @__PURE__ */ Symbol("symlink"), dn = /* @__PURE__ */ Symbol("hardlink"), vt = /* @__PURE__ */ Symbol("header"), Ri = /* @__PURE__ */ Symbol("read"), Xs = /* @__PURE__ */ Symbol("lstat"), Oi = /* @__PURE__ */ Symbol("onlstat"), Qs = /* @__PURE__ */ Symbol("onread"), Js = /* @__PURE__ */ Symbol("onreadlink"), er = /* @__PURE__ */ Symbol("openfile"), tr = /* @__PURE__ */ Symbol("onopenfile"), ve = /* @__PURE__ */ Symbol("close"), vi = /* @__PURE__ */ Symbol("mode"), ir = /* @__PURE__ */ Symbol("awaitDrain"), Vs = /* @__PURE__ */ Symbol("ondrain"), he = /* @__PURE__ */ Symbol("prefix"), Ti = class extends pn.Minipass {
        path;
        portable;
        myuid = process.getuid && process.getuid() || 0;
        myuser = process.env.USER || "";
        maxReadSize;
        linkCache;
        statCache;
        preservePaths;
        cwd;
        strict;
        mtime;
        noPax;
        noMtime;
        prefix;
        fd;
        blockLen = 0;
        blockRemain = 0;
        buf;
        pos = 0;
        remain = 0;
        length = 0;
        offset = 0;
        win32;
        absolute;
        header;
        type;
        linkpath;
        stat;
        onWriteEntry;
        #e = false;
        constructor(e, t = {}) {
          let i = (0, yn.dealias)(t);
          super(), this.path = (0, oe.normalizeWindowsPath)(e), this.portable = !!i.portable, this.maxReadSize = i.maxReadSize || ph, this.linkCache = i.linkCache || /* @__PURE__ */ new Map(), this.statCache = i.statCache || /* @__PURE__ */ new Map(), this.preservePaths = !!i.preservePaths, this.cwd = (0, oe.normalizeWindowsPath)(i.cwd || process.cwd()), this.strict = !!i.strict, this.noPax = !!i.noPax, this.noMtime = !!i.noMtime, this.mtime = i.mtime, this.prefix = i.prefix ? (0, oe.normalizeWindowsPath)(i.prefix) : void 0, this.onWriteEntry = i.onWriteEntry, typeof i.onwarn == "function" && this.on("warn", i.onwarn);
          let r = false;
          if (!this.preservePaths) {
            let [o, a] = (0, bn.stripAbsolutePath)(this.path);
            o && typeof a == "string" && (this.path = a, r = o);
          }
          this.win32 = !!i.win32 || process.platform === "win32", this.win32 && (this.path = mh.decode(this.path.replaceAll(/\\/g, "/")), e = e.replaceAll(/\\/g, "/")), this.absolute = (0, oe.normalizeWindowsPath)(i.absolute || ln.default.resolve(this.cwd, e)), this.path === "" && (this.path = "./"), r && this.warn("TAR_ENTRY_INFO", `stripping ${r} from absolute path`, { entry: this, path: r + this.path });
          let n2 = this.statCache.get(this.absolute);
          n2 ? this[Oi](n2) : this[Xs]();
        }
        warn(e, t, i = {}) {
          return (0, Sn.warnMethod)(this, e, t, i);
        }
        emit(e, ...t) {
          return e === "error" && (this.#e = true), super.emit(e, ...t);
        }
        [Xs]() {
          ae.default.lstat(this.absolute, (e, t) => {
            if (e) return this.emit("error", e);
            this[Oi](t);
          });
        }
        [Oi](e) {
          this.statCache.set(this.absolute, e), this.stat = e, e.isFile() || (e.size = 0), this.type = _h(e), this.emit("stat", e), this[cn]();
        }
        [cn]() {
          switch (this.type) {
            case "File":
              return this[un]();
            case "Directory":
              return this[fn]();
            case "SymbolicLink":
              return this[$s]();
            default:
              return this.end();
          }
        }
        [vi](e) {
          return (0, wn.modeFix)(e, this.type === "Directory", this.portable);
        }
        [he](e) {
          return gn(e, this.prefix);
        }
        [vt]() {
          if (!this.stat) throw new Error("cannot write header before stat");
          this.type === "Directory" && this.portable && (this.noMtime = true), this.onWriteEntry?.(this), this.header = new _n.Header({ path: this[he](this.path), linkpath: this.type === "Link" && this.linkpath !== void 0 ? this[he](this.linkpath) : this.linkpath, mode: this[vi](this.stat.mode), uid: this.portable ? void 0 : this.stat.uid, gid: this.portable ? void 0 : this.stat.gid, size: this.stat.size, mtime: this.noMtime ? void 0 : this.mtime || this.stat.mtime, type: this.type === "Unsupported" ? void 0 : this.type, uname: this.portable ? void 0 : this.stat.uid === this.myuid ? this.myuser : "", atime: this.portable ? void 0 : this.stat.atime, ctime: this.portable ? void 0 : this.stat.ctime }), this.header.encode() && !this.noPax && super.write(new En.Pax({ atime: this.portable ? void 0 : this.header.atime, ctime: this.portable ? void 0 : this.header.ctime, gid: this.portable ? void 0 : this.header.gid, mtime: this.noMtime ? void 0 : this.mtime || this.header.mtime, path: this[he](this.path), linkpath: this.type === "Link" && this.linkpath !== void 0 ? this[he](this.linkpath) : this.linkpath, size: this.header.size, uid: this.portable ? void 0 : this.header.uid, uname: this.portable ? void 0 : this.header.uname, dev: this.portable ? void 0 : this.stat.dev, ino: this.portable ? void 0 : this.stat.ino, nlink: this.portable ? void 0 : this.stat.nlink }).encode());
          let e = this.header?.block;
          if (!e) throw new Error("failed to encode header");
          super.write(e);
        }
        [fn]() {
          if (!this.stat) throw new Error("cannot create directory entry without stat");
          this.path.slice(-1) !== "/" && (this.path += "/"), this.stat.size = 0, this[vt](), this.end();
        }
        [$s]() {
          ae.default.readlink(this.absolute, (e, t) => {
            if (e) return this.emit("error", e);
            this[Js](t);
          });
        }
        [Js](e) {
          this.linkpath = (0, oe.normalizeWindowsPath)(e), this[vt](), this.end();
        }
        [dn](e) {
          if (!this.stat) throw new Error("cannot create link entry without stat");
          this.type = "Link", this.linkpath = (0, oe.normalizeWindowsPath)(ln.default.relative(this.cwd, e)), this.stat.size = 0, this[vt](), this.end();
        }
        [un]() {
          if (!this.stat) throw new Error("cannot create file entry without stat");
          if (this.stat.nlink > 1) {
            let e = `${this.stat.dev}:${this.stat.ino}`, t = this.linkCache.get(e);
            if (t?.indexOf(this.cwd) === 0) return this[dn](t);
            this.linkCache.set(e, this.absolute);
          }
          if (this[vt](), this.stat.size === 0) return this.end();
          this[er]();
        }
        [er]() {
          ae.default.open(this.absolute, "r", (e, t) => {
            if (e) return this.emit("error", e);
            this[tr](t);
          });
        }
        [tr](e) {
          if (this.fd = e, this.#e) return this[ve]();
          if (!this.stat) throw new Error("should stat before calling onopenfile");
          this.blockLen = 512 * Math.ceil(this.stat.size / 512), this.blockRemain = this.blockLen;
          let t = Math.min(this.blockLen, this.maxReadSize);
          this.buf = Buffer.allocUnsafe(t), this.offset = 0, this.pos = 0, this.remain = this.stat.size, this.length = this.buf.length, this[Ri]();
        }
        [Ri]() {
          let { fd: e, buf: t, offset: i, length: r, pos: n2 } = this;
          if (e === void 0 || t === void 0) throw new Error("cannot read file without first opening");
          ae.default.read(e, t, i, r, n2, (o, a) => {
            if (o) return this[ve](() => this.emit("error", o));
            this[Qs](a);
          });
        }
        [ve](e = () => {
        }) {
          this.fd !== void 0 && ae.default.close(this.fd, e);
        }
        [Qs](e) {
          if (e <= 0 && this.remain > 0) {
            let r = Object.assign(new Error("encountered unexpected EOF"), { path: this.absolute, syscall: "read", code: "EOF" });
            return this[ve](() => this.emit("error", r));
          }
          if (e > this.remain) {
            let r = Object.assign(new Error("did not encounter expected EOF"), { path: this.absolute, syscall: "read", code: "EOF" });
            return this[ve](() => this.emit("error", r));
          }
          if (!this.buf) throw new Error("should have created buffer prior to reading");
          if (e === this.remain) for (let r = e; r < this.length && e < this.blockRemain; r++) this.buf[r + this.offset] = 0, e++, this.remain++;
          let t = this.offset === 0 && e === this.buf.length ? this.buf : this.buf.subarray(this.offset, this.offset + e);
          this.write(t) ? this[Vs]() : this[ir](() => this[Vs]());
        }
        [ir](e) {
          this.once("drain", e);
        }
        write(e, t, i) {
          if (typeof t == "function" && (i = t, t = void 0), typeof e == "string" && (e = Buffer.from(e, typeof t == "string" ? t : "utf8")), this.blockRemain < e.length) {
            let r = Object.assign(new Error("writing more data than expected"), { path: this.absolute });
            return this.emit("error", r);
          }
          return this.remain -= e.length, this.blockRemain -= e.length, this.pos += e.length, this.offset += e.length, super.write(e, null, i);
        }
        [Vs]() {
          if (!this.remain) return this.blockRemain && super.write(Buffer.alloc(this.blockRemain)), this[ve]((e) => e ? this.emit("error", e) : this.end());
          if (!this.buf) throw new Error("buffer lost somehow in ONDRAIN");
          this.offset >= this.length && (this.buf = Buffer.allocUnsafe(Math.min(this.blockRemain, this.buf.length)), this.offset = 0), this.length = this.buf.length - this.offset, this[Ri]();
        }
      };
      M.WriteEntry = Ti;
      var sr = class extends Ti {
        sync = true;
        [Xs]() {
          this[Oi](ae.default.lstatSync(this.absolute));
        }
        [$s]() {
          this[Js](ae.default.readlinkSync(this.absolute));
        }
        [er]() {
          this[tr](ae.default.openSync(this.absolute, "r"));
        }
        [Ri]() {
          let e = true;
          try {
            let { fd: t, buf: i, offset: r, length: n2, pos: o } = this;
            if (t === void 0 || i === void 0) throw new Error("fd and buf must be set in READ method");
            let a = ae.default.readSync(t, i, r, n2, o);
            this[Qs](a), e = false;
          } finally {
            if (e) try {
              this[ve](() => {
              });
            } catch {
            }
          }
        }
        [ir](e) {
          e();
        }
        [ve](e = () => {
        }) {
          this.fd !== void 0 && ae.default.closeSync(this.fd), e();
        }
      };
      M.WriteEntrySync = sr;
      var rr = class extends pn.Minipass {
        blockLen = 0;
        blockRemain = 0;
        buf = 0;
        pos = 0;
        remain = 0;
        length = 0;
        preservePaths;
        portable;
        strict;
        noPax;
        noMtime;
        readEntry;
        type;
        prefix;
        path;
        mode;
        uid;
        gid;
        uname;
        gname;
        header;
        mtime;
        atime;
        ctime;
        linkpath;
        size;
        onWriteEntry;
        warn(e, t, i = {}) {
          return (0, Sn.warnMethod)(this, e, t, i);
        }
        constructor(e, t = {}) {
          let i = (0, yn.dealias)(t);
          super(), this.preservePaths = !!i.preservePaths, this.portable = !!i.portable, this.strict = !!i.strict, this.noPax = !!i.noPax, this.noMtime = !!i.noMtime, this.onWriteEntry = i.onWriteEntry, this.readEntry = e;
          let { type: r } = e;
          if (r === "Unsupported") throw new Error("writing entry that should be ignored");
          this.type = r, this.type === "Directory" && this.portable && (this.noMtime = true), this.prefix = i.prefix, this.path = (0, oe.normalizeWindowsPath)(e.path), this.mode = e.mode !== void 0 ? this[vi](e.mode) : void 0, this.uid = this.portable ? void 0 : e.uid, this.gid = this.portable ? void 0 : e.gid, this.uname = this.portable ? void 0 : e.uname, this.gname = this.portable ? void 0 : e.gname, this.size = e.size, this.mtime = this.noMtime ? void 0 : i.mtime || e.mtime, this.atime = this.portable ? void 0 : e.atime, this.ctime = this.portable ? void 0 : e.ctime, this.linkpath = e.linkpath !== void 0 ? (0, oe.normalizeWindowsPath)(e.linkpath) : void 0, typeof i.onwarn == "function" && this.on("warn", i.onwarn);
          let n2 = false;
          if (!this.preservePaths) {
            let [a, h] = (0, bn.stripAbsolutePath)(this.path);
            a && typeof h == "string" && (this.path = h, n2 = a);
          }
          this.remain = e.size, this.blockRemain = e.startBlockSize, this.onWriteEntry?.(this), this.header = new _n.Header({ path: this[he](this.path), linkpath: this.type === "Link" && this.linkpath !== void 0 ? this[he](this.linkpath) : this.linkpath, mode: this.mode, uid: this.portable ? void 0 : this.uid, gid: this.portable ? void 0 : this.gid, size: this.size, mtime: this.noMtime ? void 0 : this.mtime, type: this.type, uname: this.portable ? void 0 : this.uname, atime: this.portable ? void 0 : this.atime, ctime: this.portable ? void 0 : this.ctime }), n2 && this.warn("TAR_ENTRY_INFO", `stripping ${n2} from absolute path`, { entry: this, path: n2 + this.path }), this.header.encode() && !this.noPax && super.write(new En.Pax({ atime: this.portable ? void 0 : this.atime, ctime: this.portable ? void 0 : this.ctime, gid: this.portable ? void 0 : this.gid, mtime: this.noMtime ? void 0 : this.mtime, path: this[he](this.path), linkpath: this.type === "Link" && this.linkpath !== void 0 ? this[he](this.linkpath) : this.linkpath, size: this.size, uid: this.portable ? void 0 : this.uid, uname: this.portable ? void 0 : this.uname, dev: this.portable ? void 0 : this.readEntry.dev, ino: this.portable ? void 0 : this.readEntry.ino, nlink: this.portable ? void 0 : this.readEntry.nlink }).encode());
          let o = this.header?.block;
          if (!o) throw new Error("failed to encode header");
          super.write(o), e.pipe(this);
        }
        [he](e) {
          return gn(e, this.prefix);
        }
        [vi](e) {
          return (0, wn.modeFix)(e, this.type === "Directory", this.portable);
        }
        write(e, t, i) {
          typeof t == "function" && (i = t, t = void 0), typeof e == "string" && (e = Buffer.from(e, typeof t == "string" ? t : "utf8"));
          let r = e.length;
          if (r > this.blockRemain) throw new Error("writing more to entry than is appropriate");
          return this.blockRemain -= r, super.write(e, i);
        }
        end(e, t, i) {
          return this.blockRemain && super.write(Buffer.alloc(this.blockRemain)), typeof e == "function" && (i = e, t = void 0, e = void 0), typeof t == "function" && (i = t, t = void 0), typeof e == "string" && (e = Buffer.from(e, t ?? "utf8")), i && this.once("finish", i), e ? super.end(e, i) : super.end(i), this;
        }
      };
      M.WriteEntryTar = rr;
      var _h = (s2) => s2.isFile() ? "File" : s2.isDirectory() ? "Directory" : s2.isSymbolicLink() ? "SymbolicLink" : "Unsupported";
    });
    var Rn = d((at) => {
      "use strict";
      Object.defineProperty(at, "__esModule", { value: true });
      at.Node = at.Yallist = void 0;
      var or = class s2 {
        tail;
        head;
        length = 0;
        static create(e = []) {
          return new s2(e);
        }
        constructor(e = []) {
          for (let t of e) this.push(t);
        }
        *[Symbol.iterator]() {
          for (let e = this.head; e; e = e.next) yield e.value;
        }
        removeNode(e) {
          if (e.list !== this) throw new Error("removing node which does not belong to this list");
          let t = e.next, i = e.prev;
          return t && (t.prev = i), i && (i.next = t), e === this.head && (this.head = t), e === this.tail && (this.tail = i), this.length--, e.next = void 0, e.prev = void 0, e.list = void 0, t;
        }
        unshiftNode(e) {
          if (e === this.head) return;
          e.list && e.list.removeNode(e);
          let t = this.head;
          e.list = this, e.next = t, t && (t.prev = e), this.head = e, this.tail || (this.tail = e), this.length++;
        }
        pushNode(e) {
          if (e === this.tail) return;
          e.list && e.list.removeNode(e);
          let t = this.tail;
          e.list = this, e.prev = t, t && (t.next = e), this.tail = e, this.head || (this.head = e), this.length++;
        }
        push(...e) {
          for (let t = 0, i = e.length; t < i; t++) yh(this, e[t]);
          return this.length;
        }
        unshift(...e) {
          for (var t = 0, i = e.length; t < i; t++) Eh(this, e[t]);
          return this.length;
        }
        pop() {
          if (!this.tail) return;
          let e = this.tail.value, t = this.tail;
          return this.tail = this.tail.prev, this.tail ? this.tail.next = void 0 : this.head = void 0, t.list = void 0, this.length--, e;
        }
        shift() {
          if (!this.head) return;
          let e = this.head.value, t = this.head;
          return this.head = this.head.next, this.head ? this.head.prev = void 0 : this.tail = void 0, t.list = void 0, this.length--, e;
        }
        forEach(e, t) {
          t = t || this;
          for (let i = this.head, r = 0; i; r++) e.call(t, i.value, r, this), i = i.next;
        }
        forEachReverse(e, t) {
          t = t || this;
          for (let i = this.tail, r = this.length - 1; i; r--) e.call(t, i.value, r, this), i = i.prev;
        }
        get(e) {
          let t = 0, i = this.head;
          for (; i && t < e; t++) i = i.next;
          if (t === e && i) return i.value;
        }
        getReverse(e) {
          let t = 0, i = this.tail;
          for (; i && t < e; t++) i = i.prev;
          if (t === e && i) return i.value;
        }
        map(e, t) {
          t = t || this;
          let i = new s2();
          for (let r = this.head; r; ) i.push(e.call(t, r.value, this)), r = r.next;
          return i;
        }
        mapReverse(e, t) {
          t = t || this;
          var i = new s2();
          for (let r = this.tail; r; ) i.push(e.call(t, r.value, this)), r = r.prev;
          return i;
        }
        reduce(e, t) {
          let i, r = this.head;
          if (arguments.length > 1) i = t;
          else if (this.head) r = this.head.next, i = this.head.value;
          else throw new TypeError("Reduce of empty list with no initial value");
          for (var n2 = 0; r; n2++) i = e(i, r.value, n2), r = r.next;
          return i;
        }
        reduceReverse(e, t) {
          let i, r = this.tail;
          if (arguments.length > 1) i = t;
          else if (this.tail) r = this.tail.prev, i = this.tail.value;
          else throw new TypeError("Reduce of empty list with no initial value");
          for (let n2 = this.length - 1; r; n2--) i = e(i, r.value, n2), r = r.prev;
          return i;
        }
        toArray() {
          let e = new Array(this.length);
          for (let t = 0, i = this.head; i; t++) e[t] = i.value, i = i.next;
          return e;
        }
        toArrayReverse() {
          let e = new Array(this.length);
          for (let t = 0, i = this.tail; i; t++) e[t] = i.value, i = i.prev;
          return e;
        }
        slice(e = 0, t = this.length) {
          t < 0 && (t += this.length), e < 0 && (e += this.length);
          let i = new s2();
          if (t < e || t < 0) return i;
          e < 0 && (e = 0), t > this.length && (t = this.length);
          let r = this.head, n2 = 0;
          for (n2 = 0; r && n2 < e; n2++) r = r.next;
          for (; r && n2 < t; n2++, r = r.next) i.push(r.value);
          return i;
        }
        sliceReverse(e = 0, t = this.length) {
          t < 0 && (t += this.length), e < 0 && (e += this.length);
          let i = new s2();
          if (t < e || t < 0) return i;
          e < 0 && (e = 0), t > this.length && (t = this.length);
          let r = this.length, n2 = this.tail;
          for (; n2 && r > t; r--) n2 = n2.prev;
          for (; n2 && r > e; r--, n2 = n2.prev) i.push(n2.value);
          return i;
        }
        splice(e, t = 0, ...i) {
          e > this.length && (e = this.length - 1), e < 0 && (e = this.length + e);
          let r = this.head;
          for (let o = 0; r && o < e; o++) r = r.next;
          let n2 = [];
          for (let o = 0; r && o < t; o++) n2.push(r.value), r = this.removeNode(r);
          r ? r !== this.tail && (r = r.prev) : r = this.tail;
          for (let o of i) r = wh(this, r, o);
          return n2;
        }
        reverse() {
          let e = this.head, t = this.tail;
          for (let i = e; i; i = i.prev) {
            let r = i.prev;
            i.prev = i.next, i.next = r;
          }
          return this.head = t, this.tail = e, this;
        }
      };
      at.Yallist = or;
      function wh(s2, e, t) {
        let i = e, r = e ? e.next : s2.head, n2 = new ot(t, i, r, s2);
        return n2.next === void 0 && (s2.tail = n2), n2.prev === void 0 && (s2.head = n2), s2.length++, n2;
      }
      function yh(s2, e) {
        s2.tail = new ot(e, s2.tail, void 0, s2), s2.head || (s2.head = s2.tail), s2.length++;
      }
      function Eh(s2, e) {
        s2.head = new ot(e, void 0, s2.head, s2), s2.tail || (s2.tail = s2.head), s2.length++;
      }
      var ot = class {
        list;
        next;
        prev;
        value;
        constructor(e, t, i, r) {
          this.list = r, this.value = e, t ? (t.next = this, this.prev = t) : this.prev = void 0, i ? (i.prev = this, this.next = i) : this.next = void 0;
        }
      };
      at.Node = ot;
    });
    var Ci = d((L) => {
      "use strict";
      var bh = L && L.__createBinding || (Object.create ? (function(s2, e, t, i) {
        i === void 0 && (i = t);
        var r = Object.getOwnPropertyDescriptor(e, t);
        (!r || ("get" in r ? !e.__esModule : r.writable || r.configurable)) && (r = { enumerable: true, get: function() {
          return e[t];
        } }), Object.defineProperty(s2, i, r);
      }) : (function(s2, e, t, i) {
        i === void 0 && (i = t), s2[i] = e[t];
      })), Sh = L && L.__setModuleDefault || (Object.create ? (function(s2, e) {
        Object.defineProperty(s2, "default", { enumerable: true, value: e });
      }) : function(s2, e) {
        s2.default = e;
      }), gh = L && L.__importStar || /* @__PURE__ */ (function() {
        var s2 = function(e) {
          return s2 = Object.getOwnPropertyNames || function(t) {
            var i = [];
            for (var r in t) Object.prototype.hasOwnProperty.call(t, r) && (i[i.length] = r);
            return i;
          }, s2(e);
        };
        return function(e) {
          if (e && e.__esModule) return e;
          var t = {};
          if (e != null) for (var i = s2(e), r = 0; r < i.length; r++) i[r] !== "default" && bh(t, e, i[r]);
          return Sh(t, e), t;
        };
      })(), Pn = L && L.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(L, "__esModule", { value: true });
      L.PackSync = L.Pack = L.PackJob = void 0;
      var Ii = Pn(__require("fs")), fr = nr(), Nt = class {
        path;
        absolute;
        entry;
        stat;
        readdir;
        pending = false;
        pendingLink = false;
        ignore = false;
        piped = false;
        constructor(e, t) {
          this.path = e || "./", this.absolute = t;
        }
      };
      L.PackJob = Nt;
      var Rh = We(), ar = gh(Ps()), Oh = Rn(), vh = hi(), On = Buffer.alloc(1024), Pi = /* @__PURE__ */ Symbol("onStat"), Tt = /* @__PURE__ */ Symbol("ended"), X = /* @__PURE__ */ Symbol("queue"), Dt = /* @__PURE__ */ Symbol("pendingLinks"), Te = /* @__PURE__ */ Symbol("current"), je = /* @__PURE__ */ Symbol("process"), Pt = /* @__PURE__ */ Symbol("processing"), Di = /* @__PURE__ */ Symbol("processJob"), Q = /* @__PURE__ */ Symbol("jobs"), hr = /* @__PURE__ */ Symbol("jobDone"), Ni = /* @__PURE__ */ Symbol("addFSEntry"), vn = /* @__PURE__ */ Symbol("addTarEntry"), dr = /* @__PURE__ */ Symbol("stat"), mr = /* @__PURE__ */ Symbol("readdir"), Mi = /* @__PURE__ */ Symbol("onreaddir"), Li = /* @__PURE__ */ Symbol("pipe"), Tn = /* @__PURE__ */ Symbol("entry"), lr = /* @__PURE__ */ Symbol("entryOpt"), Ai = /* @__PURE__ */ Symbol("writeEntryClass"), Nn = /* @__PURE__ */ Symbol("write"), cr = /* @__PURE__ */ Symbol("ondrain"), Dn = Pn(__require("path")), ur = tt(), Fi = class extends Rh.Minipass {
        sync = false;
        opt;
        cwd;
        maxReadSize;
        preservePaths;
        strict;
        noPax;
        prefix;
        linkCache;
        statCache;
        file;
        portable;
        zip;
        readdirCache;
        noDirRecurse;
        follow;
        noMtime;
        mtime;
        filter;
        jobs;
        [Ai];
        onWriteEntry;
        [X];
        [Dt] = /* @__PURE__ */ new Map();
        [Q] = 0;
        [Pt] = false;
        [Tt] = false;
        constructor(e = {}) {
          if (super(), this.opt = e, this.file = e.file || "", this.cwd = e.cwd || process.cwd(), this.maxReadSize = e.maxReadSize, this.preservePaths = !!e.preservePaths, this.strict = !!e.strict, this.noPax = !!e.noPax, this.prefix = (0, ur.normalizeWindowsPath)(e.prefix || ""), this.linkCache = e.linkCache || /* @__PURE__ */ new Map(), this.statCache = e.statCache || /* @__PURE__ */ new Map(), this.readdirCache = e.readdirCache || /* @__PURE__ */ new Map(), this.onWriteEntry = e.onWriteEntry, this[Ai] = fr.WriteEntry, typeof e.onwarn == "function" && this.on("warn", e.onwarn), this.portable = !!e.portable, e.gzip || e.brotli || e.zstd) {
            if ((e.gzip ? 1 : 0) + (e.brotli ? 1 : 0) + (e.zstd ? 1 : 0) > 1) throw new TypeError("gzip, brotli, zstd are mutually exclusive");
            if (e.gzip && (typeof e.gzip != "object" && (e.gzip = {}), this.portable && (e.gzip.portable = true), this.zip = new ar.Gzip(e.gzip)), e.brotli && (typeof e.brotli != "object" && (e.brotli = {}), this.zip = new ar.BrotliCompress(e.brotli)), e.zstd && (typeof e.zstd != "object" && (e.zstd = {}), this.zip = new ar.ZstdCompress(e.zstd)), !this.zip) throw new Error("impossible");
            let t = this.zip;
            t.on("data", (i) => super.write(i)), t.on("end", () => super.end()), t.on("drain", () => this[cr]()), this.on("resume", () => t.resume());
          } else this.on("drain", this[cr]);
          this.noDirRecurse = !!e.noDirRecurse, this.follow = !!e.follow, this.noMtime = !!e.noMtime, e.mtime && (this.mtime = e.mtime), this.filter = typeof e.filter == "function" ? e.filter : () => true, this[X] = new Oh.Yallist(), this[Q] = 0, this.jobs = Number(e.jobs) || 4, this[Pt] = false, this[Tt] = false;
        }
        [Nn](e) {
          return super.write(e);
        }
        add(e) {
          return this.write(e), this;
        }
        end(e, t, i) {
          return typeof e == "function" && (i = e, e = void 0), typeof t == "function" && (i = t, t = void 0), e && this.add(e), this[Tt] = true, this[je](), i && i(), this;
        }
        write(e) {
          if (this[Tt]) throw new Error("write after end");
          return typeof e == "string" ? this[Ni](e) : this[vn](e), this.flowing;
        }
        [vn](e) {
          let t = (0, ur.normalizeWindowsPath)(Dn.default.resolve(this.cwd, e.path));
          if (!this.filter(e.path, e)) e.resume();
          else {
            let i = new Nt(e.path, t);
            i.entry = new fr.WriteEntryTar(e, this[lr](i)), i.entry.on("end", () => this[hr](i)), this[Q] += 1, this[X].push(i);
          }
          this[je]();
        }
        [Ni](e) {
          let t = (0, ur.normalizeWindowsPath)(Dn.default.resolve(this.cwd, e));
          this[X].push(new Nt(e, t)), this[je]();
        }
        [dr](e) {
          e.pending = true, this[Q] += 1;
          let t = this.follow ? "stat" : "lstat";
          Ii.default[t](e.absolute, (i, r) => {
            e.pending = false, this[Q] -= 1, i ? this.emit("error", i) : this[Pi](e, r);
          });
        }
        [Pi](e, t) {
          if (this.statCache.set(e.absolute, t), e.stat = t, !this.filter(e.path, t)) e.ignore = true;
          else if (t.isFile() && t.nlink > 1 && !this.linkCache.get(`${t.dev}:${t.ino}`) && !this.sync) if (e === this[Te]) this[Di](e);
          else {
            let i = `${t.dev}:${t.ino}`, r = this[Dt].get(i);
            r ? r.push(e) : this[Dt].set(i, [e]), e.pendingLink = true, e.pending = true;
          }
          this[je]();
        }
        [mr](e) {
          e.pending = true, this[Q] += 1, Ii.default.readdir(e.absolute, (t, i) => {
            if (e.pending = false, this[Q] -= 1, t) return this.emit("error", t);
            this[Mi](e, i);
          });
        }
        [Mi](e, t) {
          this.readdirCache.set(e.absolute, t), e.readdir = t, this[je]();
        }
        [je]() {
          if (!this[Pt]) {
            this[Pt] = true;
            for (let e = this[X].head; e && this[Q] < this.jobs; e = e.next) if (this[Di](e.value), e.value.ignore) {
              let t = e.next;
              this[X].removeNode(e), e.next = t;
            }
            this[Pt] = false, this[Tt] && this[X].length === 0 && this[Q] === 0 && (this.zip ? this.zip.end(On) : (super.write(On), super.end()));
          }
        }
        get [Te]() {
          return this[X] && this[X].head && this[X].head.value;
        }
        [hr](e) {
          this[X].shift(), this[Q] -= 1;
          let { stat: t } = e;
          if (t && t.isFile() && t.nlink > 1) {
            let i = `${t.dev}:${t.ino}`, r = this[Dt].get(i);
            if (r) {
              this[Dt].delete(i);
              for (let n2 of r) n2.pending = false, this[Di](n2);
            }
          }
          this[je]();
        }
        [Di](e) {
          if (e.pending && e.pendingLink && e === this[Te] && (e.pending = false, e.pendingLink = false), !e.pending) {
            if (e.entry) {
              e === this[Te] && !e.piped && this[Li](e);
              return;
            }
            if (!e.stat) {
              let t = this.statCache.get(e.absolute);
              t ? this[Pi](e, t) : this[dr](e);
            }
            if (e.stat && !e.ignore) {
              if (!this.noDirRecurse && e.stat.isDirectory() && !e.readdir) {
                let t = this.readdirCache.get(e.absolute);
                if (t ? this[Mi](e, t) : this[mr](e), !e.readdir) return;
              }
              if (e.entry = this[Tn](e), !e.entry) {
                e.ignore = true;
                return;
              }
              e === this[Te] && !e.piped && this[Li](e);
            }
          }
        }
        [lr](e) {
          return { onwarn: (t, i, r) => this.warn(t, i, r), noPax: this.noPax, cwd: this.cwd, absolute: e.absolute, preservePaths: this.preservePaths, maxReadSize: this.maxReadSize, strict: this.strict, portable: this.portable, linkCache: this.linkCache, statCache: this.statCache, noMtime: this.noMtime, mtime: this.mtime, prefix: this.prefix, onWriteEntry: this.onWriteEntry };
        }
        [Tn](e) {
          this[Q] += 1;
          try {
            return new this[Ai](e.path, this[lr](e)).on("end", () => this[hr](e)).on("error", (i) => this.emit("error", i));
          } catch (t) {
            this.emit("error", t);
          }
        }
        [cr]() {
          this[Te] && this[Te].entry && this[Te].entry.resume();
        }
        [Li](e) {
          e.piped = true, e.readdir && e.readdir.forEach((r) => {
            let n2 = e.path, o = n2 === "./" ? "" : n2.replace(/\/*$/, "/");
            this[Ni](o + r);
          });
          let t = e.entry, i = this.zip;
          if (!t) throw new Error("cannot pipe without source");
          i ? t.on("data", (r) => {
            i.write(r) || t.pause();
          }) : t.on("data", (r) => {
            super.write(r) || t.pause();
          });
        }
        pause() {
          return this.zip && this.zip.pause(), super.pause();
        }
        warn(e, t, i = {}) {
          (0, vh.warnMethod)(this, e, t, i);
        }
      };
      L.Pack = Fi;
      var pr = class extends Fi {
        sync = true;
        constructor(e) {
          super(e), this[Ai] = fr.WriteEntrySync;
        }
        pause() {
        }
        resume() {
        }
        [dr](e) {
          let t = this.follow ? "statSync" : "lstatSync";
          this[Pi](e, Ii.default[t](e.absolute));
        }
        [mr](e) {
          this[Mi](e, Ii.default.readdirSync(e.absolute));
        }
        [Li](e) {
          let t = e.entry, i = this.zip;
          if (e.readdir && e.readdir.forEach((r) => {
            let n2 = e.path, o = n2 === "./" ? "" : n2.replace(/\/*$/, "/");
            this[Ni](o + r);
          }), !t) throw new Error("Cannot pipe without source");
          i ? t.on("data", (r) => {
            i.write(r);
          }) : t.on("data", (r) => {
            super[Nn](r);
          });
        }
      };
      L.PackSync = pr;
    });
    var _r = d((ht) => {
      "use strict";
      var Th = ht && ht.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(ht, "__esModule", { value: true });
      ht.create = void 0;
      var Mn = Ke(), Ln = Th(__require("node:path")), An = rt(), Dh = Ve(), Bi = Ci(), Ph = (s2, e) => {
        let t = new Bi.PackSync(s2), i = new Mn.WriteStreamSync(s2.file, { mode: s2.mode || 438 });
        t.pipe(i), In(t, e);
      }, Nh = (s2, e) => {
        let t = new Bi.Pack(s2), i = new Mn.WriteStream(s2.file, { mode: s2.mode || 438 });
        t.pipe(i);
        let r = new Promise((n2, o) => {
          i.on("error", o), i.on("close", n2), t.on("error", o);
        });
        return Fn(t, e).catch((n2) => t.emit("error", n2)), r;
      }, In = (s2, e) => {
        e.forEach((t) => {
          t.charAt(0) === "@" ? (0, An.list)({ file: Ln.default.resolve(s2.cwd, t.slice(1)), sync: true, noResume: true, onReadEntry: (i) => s2.add(i) }) : s2.add(t);
        }), s2.end();
      }, Fn = async (s2, e) => {
        for (let t of e) t.charAt(0) === "@" ? await (0, An.list)({ file: Ln.default.resolve(String(s2.cwd), t.slice(1)), noResume: true, onReadEntry: (i) => {
          s2.add(i);
        } }) : s2.add(t);
        s2.end();
      }, Mh = (s2, e) => {
        let t = new Bi.PackSync(s2);
        return In(t, e), t;
      }, Lh = (s2, e) => {
        let t = new Bi.Pack(s2);
        return Fn(t, e).catch((i) => t.emit("error", i)), t;
      };
      ht.create = (0, Dh.makeCommand)(Ph, Nh, Mh, Lh, (s2, e) => {
        if (!e?.length) throw new TypeError("no paths specified to add to archive");
      });
    });
    var Wn = d((lt2) => {
      "use strict";
      var Ah = lt2 && lt2.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(lt2, "__esModule", { value: true });
      lt2.getWriteFlag = void 0;
      var zn = Ah(__require("fs")), Ih = process.env.__FAKE_PLATFORM__ || process.platform, kn = Ih === "win32", { O_CREAT: xn, O_NOFOLLOW: Cn, O_TRUNC: jn, O_WRONLY: Un } = zn.default.constants, qn = Number(process.env.__FAKE_FS_O_FILENAME__) || zn.default.constants.UV_FS_O_FILEMAP || 0, Fh = kn && !!qn, Ch = 512 * 1024, Bh = qn | jn | xn | Un, Bn = !kn && typeof Cn == "number" ? Cn | jn | xn | Un : null;
      lt2.getWriteFlag = Bn !== null ? () => Bn : Fh ? (s2) => s2 < Ch ? Bh : "w" : () => "w";
    });
    var Gn = d((le) => {
      "use strict";
      var Hn = le && le.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(le, "__esModule", { value: true });
      le.chownrSync = le.chownr = void 0;
      var ki = Hn(__require("node:fs")), Mt = Hn(__require("node:path")), wr = (s2, e, t) => {
        try {
          return ki.default.lchownSync(s2, e, t);
        } catch (i) {
          if (i?.code !== "ENOENT") throw i;
        }
      }, zi = (s2, e, t, i) => {
        ki.default.lchown(s2, e, t, (r) => {
          i(r && r?.code !== "ENOENT" ? r : null);
        });
      }, zh = (s2, e, t, i, r) => {
        if (e.isDirectory()) (0, le.chownr)(Mt.default.resolve(s2, e.name), t, i, (n2) => {
          if (n2) return r(n2);
          let o = Mt.default.resolve(s2, e.name);
          zi(o, t, i, r);
        });
        else {
          let n2 = Mt.default.resolve(s2, e.name);
          zi(n2, t, i, r);
        }
      }, kh = (s2, e, t, i) => {
        ki.default.readdir(s2, { withFileTypes: true }, (r, n2) => {
          if (r) {
            if (r.code === "ENOENT") return i();
            if (r.code !== "ENOTDIR" && r.code !== "ENOTSUP") return i(r);
          }
          if (r || !n2.length) return zi(s2, e, t, i);
          let o = n2.length, a = null, h = (l) => {
            if (!a) {
              if (l) return i(a = l);
              if (--o === 0) return zi(s2, e, t, i);
            }
          };
          for (let l of n2) zh(s2, l, e, t, h);
        });
      };
      le.chownr = kh;
      var xh = (s2, e, t, i) => {
        e.isDirectory() && (0, le.chownrSync)(Mt.default.resolve(s2, e.name), t, i), wr(Mt.default.resolve(s2, e.name), t, i);
      }, jh = (s2, e, t) => {
        let i;
        try {
          i = ki.default.readdirSync(s2, { withFileTypes: true });
        } catch (r) {
          let n2 = r;
          if (n2?.code === "ENOENT") return;
          if (n2?.code === "ENOTDIR" || n2?.code === "ENOTSUP") return wr(s2, e, t);
          throw n2;
        }
        for (let r of i) xh(s2, r, e, t);
        return wr(s2, e, t);
      };
      le.chownrSync = jh;
    });
    var Zn = d((xi) => {
      "use strict";
      Object.defineProperty(xi, "__esModule", { value: true });
      xi.CwdError = void 0;
      var yr = class extends Error {
        path;
        code;
        syscall = "chdir";
        constructor(e, t) {
          super(`${t}: Cannot cd into '${e}'`), this.path = e, this.code = t;
        }
        get name() {
          return "CwdError";
        }
      };
      xi.CwdError = yr;
    });
    var br = d((ji) => {
      "use strict";
      Object.defineProperty(ji, "__esModule", { value: true });
      ji.SymlinkError = void 0;
      var Er = class extends Error {
        path;
        symlink;
        syscall = "symlink";
        code = "TAR_SYMLINK_ERROR";
        constructor(e, t) {
          super("TAR_SYMLINK_ERROR: Cannot extract through symbolic link"), this.symlink = e, this.path = t;
        }
        get name() {
          return "SymlinkError";
        }
      };
      ji.SymlinkError = Er;
    });
    var Xn = d((De) => {
      "use strict";
      var gr = De && De.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(De, "__esModule", { value: true });
      De.mkdirSync = De.mkdir = void 0;
      var Yn = Gn(), j = gr(__require("node:fs")), Uh = gr(__require("node:fs/promises")), Ui = gr(__require("node:path")), Kn = Zn(), _e = tt(), Vn = br(), qh = (s2, e) => {
        j.default.stat(s2, (t, i) => {
          (t || !i.isDirectory()) && (t = new Kn.CwdError(s2, t?.code || "ENOTDIR")), e(t);
        });
      }, Wh = (s2, e, t) => {
        s2 = (0, _e.normalizeWindowsPath)(s2);
        let i = e.umask ?? 18, r = e.mode | 448, n2 = (r & i) !== 0, o = e.uid, a = e.gid, h = typeof o == "number" && typeof a == "number" && (o !== e.processUid || a !== e.processGid), l = e.preserve, c = e.unlink, u = (0, _e.normalizeWindowsPath)(e.cwd), b = (w, P) => {
          w ? t(w) : P && h ? (0, Yn.chownr)(P, o, a, (xt) => b(xt)) : n2 ? j.default.chmod(s2, r, t) : t();
        };
        if (s2 === u) return qh(s2, b);
        if (l) return Uh.default.mkdir(s2, { mode: r, recursive: true }).then((w) => b(null, w ?? void 0), b);
        let A2 = (0, _e.normalizeWindowsPath)(Ui.default.relative(u, s2)).split("/");
        Sr(u, A2, r, c, u, void 0, b);
      };
      De.mkdir = Wh;
      var Sr = (s2, e, t, i, r, n2, o) => {
        if (e.length === 0) return o(null, n2);
        let a = e.shift(), h = (0, _e.normalizeWindowsPath)(Ui.default.resolve(s2 + "/" + a));
        j.default.mkdir(h, t, $n(h, e, t, i, r, n2, o));
      }, $n = (s2, e, t, i, r, n2, o) => (a) => {
        a ? j.default.lstat(s2, (h, l) => {
          if (h) h.path = h.path && (0, _e.normalizeWindowsPath)(h.path), o(h);
          else if (l.isDirectory()) Sr(s2, e, t, i, r, n2, o);
          else if (i) j.default.unlink(s2, (c) => {
            if (c) return o(c);
            j.default.mkdir(s2, t, $n(s2, e, t, i, r, n2, o));
          });
          else {
            if (l.isSymbolicLink()) return o(new Vn.SymlinkError(s2, s2 + "/" + e.join("/")));
            o(a);
          }
        }) : (n2 = n2 || s2, Sr(s2, e, t, i, r, n2, o));
      }, Hh = (s2) => {
        let e = false, t;
        try {
          e = j.default.statSync(s2).isDirectory();
        } catch (i) {
          t = i?.code;
        } finally {
          if (!e) throw new Kn.CwdError(s2, t ?? "ENOTDIR");
        }
      }, Gh = (s2, e) => {
        s2 = (0, _e.normalizeWindowsPath)(s2);
        let t = e.umask ?? 18, i = e.mode | 448, r = (i & t) !== 0, n2 = e.uid, o = e.gid, a = typeof n2 == "number" && typeof o == "number" && (n2 !== e.processUid || o !== e.processGid), h = e.preserve, l = e.unlink, c = (0, _e.normalizeWindowsPath)(e.cwd), u = (w) => {
          w && a && (0, Yn.chownrSync)(w, n2, o), r && j.default.chmodSync(s2, i);
        };
        if (s2 === c) return Hh(c), u();
        if (h) return u(j.default.mkdirSync(s2, { mode: i, recursive: true }) ?? void 0);
        let D = (0, _e.normalizeWindowsPath)(Ui.default.relative(c, s2)).split("/"), A2;
        for (let w = D.shift(), P = c; w && (P += "/" + w); w = D.shift()) {
          P = (0, _e.normalizeWindowsPath)(Ui.default.resolve(P));
          try {
            j.default.mkdirSync(P, i), A2 = A2 || P;
          } catch {
            let xt = j.default.lstatSync(P);
            if (xt.isDirectory()) continue;
            if (l) {
              j.default.unlinkSync(P), j.default.mkdirSync(P, i), A2 = A2 || P;
              continue;
            } else if (xt.isSymbolicLink()) return new Vn.SymlinkError(P, P + "/" + D.join("/"));
          }
        }
        return u(A2);
      };
      De.mkdirSync = Gh;
    });
    var Jn = d((qi) => {
      "use strict";
      Object.defineProperty(qi, "__esModule", { value: true });
      qi.normalizeUnicode = void 0;
      var Rr = /* @__PURE__ */ Object.create(null), Qn = 1e4, ct = /* @__PURE__ */ new Set(), Zh = (s2) => {
        ct.has(s2) ? ct.delete(s2) : Rr[s2] = s2.normalize("NFD").toLocaleLowerCase("en").toLocaleUpperCase("en"), ct.add(s2);
        let e = Rr[s2], t = ct.size - Qn;
        if (t > Qn / 10) {
          for (let i of ct) if (ct.delete(i), delete Rr[i], --t <= 0) break;
        }
        return e;
      };
      qi.normalizeUnicode = Zh;
    });
    var to = d((Wi) => {
      "use strict";
      Object.defineProperty(Wi, "__esModule", { value: true });
      Wi.PathReservations = void 0;
      var eo = __require("node:path"), Yh = Jn(), Kh = yi(), Vh = process.env.TESTING_TAR_FAKE_PLATFORM || process.platform, $h = Vh === "win32", Xh = (s2) => s2.split("/").slice(0, -1).reduce((t, i) => {
        let r = t.at(-1);
        return r !== void 0 && (i = (0, eo.join)(r, i)), t.push(i || "/"), t;
      }, []), Or = class {
        #e = /* @__PURE__ */ new Map();
        #i = /* @__PURE__ */ new Map();
        #s = /* @__PURE__ */ new Set();
        reserve(e, t) {
          e = $h ? ["win32 parallelization disabled"] : e.map((r) => (0, Kh.stripTrailingSlashes)((0, eo.join)((0, Yh.normalizeUnicode)(r))));
          let i = new Set(e.map((r) => Xh(r)).reduce((r, n2) => r.concat(n2)));
          this.#i.set(t, { dirs: i, paths: e });
          for (let r of e) {
            let n2 = this.#e.get(r);
            n2 ? n2.push(t) : this.#e.set(r, [t]);
          }
          for (let r of i) {
            let n2 = this.#e.get(r);
            if (!n2) this.#e.set(r, [/* @__PURE__ */ new Set([t])]);
            else {
              let o = n2.at(-1);
              o instanceof Set ? o.add(t) : n2.push(/* @__PURE__ */ new Set([t]));
            }
          }
          return this.#r(t);
        }
        #n(e) {
          let t = this.#i.get(e);
          if (!t) throw new Error("function does not have any path reservations");
          return { paths: t.paths.map((i) => this.#e.get(i)), dirs: [...t.dirs].map((i) => this.#e.get(i)) };
        }
        check(e) {
          let { paths: t, dirs: i } = this.#n(e);
          return t.every((r) => r && r[0] === e) && i.every((r) => r && r[0] instanceof Set && r[0].has(e));
        }
        #r(e) {
          return this.#s.has(e) || !this.check(e) ? false : (this.#s.add(e), e(() => this.#t(e)), true);
        }
        #t(e) {
          if (!this.#s.has(e)) return false;
          let t = this.#i.get(e);
          if (!t) throw new Error("invalid reservation");
          let { paths: i, dirs: r } = t, n2 = /* @__PURE__ */ new Set();
          for (let o of i) {
            let a = this.#e.get(o);
            if (!a || a?.[0] !== e) continue;
            let h = a[1];
            if (!h) {
              this.#e.delete(o);
              continue;
            }
            if (a.shift(), typeof h == "function") n2.add(h);
            else for (let l of h) n2.add(l);
          }
          for (let o of r) {
            let a = this.#e.get(o), h = a?.[0];
            if (!(!a || !(h instanceof Set))) if (h.size === 1 && a.length === 1) {
              this.#e.delete(o);
              continue;
            } else if (h.size === 1) {
              a.shift();
              let l = a[0];
              typeof l == "function" && n2.add(l);
            } else h.delete(e);
          }
          return this.#s.delete(e), n2.forEach((o) => this.#r(o)), true;
        }
      };
      Wi.PathReservations = Or;
    });
    var io = d((Hi) => {
      "use strict";
      Object.defineProperty(Hi, "__esModule", { value: true });
      Hi.umask = void 0;
      var Qh = () => process.umask();
      Hi.umask = Qh;
    });
    var Cr = d((k) => {
      "use strict";
      var Jh = k && k.__createBinding || (Object.create ? (function(s2, e, t, i) {
        i === void 0 && (i = t);
        var r = Object.getOwnPropertyDescriptor(e, t);
        (!r || ("get" in r ? !e.__esModule : r.writable || r.configurable)) && (r = { enumerable: true, get: function() {
          return e[t];
        } }), Object.defineProperty(s2, i, r);
      }) : (function(s2, e, t, i) {
        i === void 0 && (i = t), s2[i] = e[t];
      })), el = k && k.__setModuleDefault || (Object.create ? (function(s2, e) {
        Object.defineProperty(s2, "default", { enumerable: true, value: e });
      }) : function(s2, e) {
        s2.default = e;
      }), fo = k && k.__importStar || /* @__PURE__ */ (function() {
        var s2 = function(e) {
          return s2 = Object.getOwnPropertyNames || function(t) {
            var i = [];
            for (var r in t) Object.prototype.hasOwnProperty.call(t, r) && (i[i.length] = r);
            return i;
          }, s2(e);
        };
        return function(e) {
          if (e && e.__esModule) return e;
          var t = {};
          if (e != null) for (var i = s2(e), r = 0; r < i.length; r++) i[r] !== "default" && Jh(t, e, i[r]);
          return el(t, e), t;
        };
      })(), Fr = k && k.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(k, "__esModule", { value: true });
      k.UnpackSync = k.Unpack = void 0;
      var tl = fo(Ke()), il = Fr(__require("node:assert")), mo = __require("node:crypto"), m = Fr(__require("node:fs")), g = Fr(__require("node:path")), po = Wn(), _o = Xn(), U = tt(), sl = _i(), rl = Zs(), so = fo(Ks()), nl = to(), wo = br(), ol = io(), ro = /* @__PURE__ */ Symbol("onEntry"), Pr = /* @__PURE__ */ Symbol("checkFs"), no = /* @__PURE__ */ Symbol("checkFs2"), Nr = /* @__PURE__ */ Symbol("isReusable"), G = /* @__PURE__ */ Symbol("makeFs"), Mr = /* @__PURE__ */ Symbol("file"), Lr = /* @__PURE__ */ Symbol("directory"), Zi = /* @__PURE__ */ Symbol("link"), oo = /* @__PURE__ */ Symbol("symlink"), ao = /* @__PURE__ */ Symbol("hardlink"), At = /* @__PURE__ */ Symbol("ensureNoSymlink"), ho = /* @__PURE__ */ Symbol("unsupported"), lo = /* @__PURE__ */ Symbol("checkPath"), vr = /* @__PURE__ */ Symbol("stripAbsolutePath"), Pe = /* @__PURE__ */ Symbol("mkdir"), T = /* @__PURE__ */ Symbol("onError"), Gi = /* @__PURE__ */ Symbol("pending"), co = /* @__PURE__ */ Symbol("pend"), ut = /* @__PURE__ */ Symbol("unpend"), Tr = /* @__PURE__ */ Symbol("ended"), Dr = /* @__PURE__ */ Symbol("maybeClose"), Ar = /* @__PURE__ */ Symbol("skip"), It = /* @__PURE__ */ Symbol("doChown"), Ft = /* @__PURE__ */ Symbol("uid"), Ct = /* @__PURE__ */ Symbol("gid"), Bt = /* @__PURE__ */ Symbol("checkedCwd"), al = process.env.TESTING_TAR_FAKE_PLATFORM || process.platform, zt = al === "win32", hl = 1024, ll = (s2, e) => {
        if (!zt) return m.default.unlink(s2, e);
        let t = s2 + ".DELETE." + (0, mo.randomBytes)(16).toString("hex");
        m.default.rename(s2, t, (i) => {
          if (i) return e(i);
          m.default.unlink(t, e);
        });
      }, cl = (s2) => {
        if (!zt) return m.default.unlinkSync(s2);
        let e = s2 + ".DELETE." + (0, mo.randomBytes)(16).toString("hex");
        m.default.renameSync(s2, e), m.default.unlinkSync(e);
      }, uo = (s2, e, t) => s2 !== void 0 && s2 === s2 >>> 0 ? s2 : e !== void 0 && e === e >>> 0 ? e : t, Yi = class extends sl.Parser {
        [Tr] = false;
        [Bt] = false;
        [Gi] = 0;
        reservations = new nl.PathReservations();
        transform;
        writable = true;
        readable = false;
        uid;
        gid;
        setOwner;
        preserveOwner;
        processGid;
        processUid;
        maxDepth;
        forceChown;
        win32;
        newer;
        keep;
        noMtime;
        preservePaths;
        unlink;
        cwd;
        strip;
        processUmask;
        umask;
        dmode;
        fmode;
        chmod;
        constructor(e = {}) {
          if (e.ondone = () => {
            this[Tr] = true, this[Dr]();
          }, super(e), this.transform = e.transform, this.chmod = !!e.chmod, typeof e.uid == "number" || typeof e.gid == "number") {
            if (typeof e.uid != "number" || typeof e.gid != "number") throw new TypeError("cannot set owner without number uid and gid");
            if (e.preserveOwner) throw new TypeError("cannot preserve owner in archive and also set owner explicitly");
            this.uid = e.uid, this.gid = e.gid, this.setOwner = true;
          } else this.uid = void 0, this.gid = void 0, this.setOwner = false;
          this.preserveOwner = e.preserveOwner === void 0 && typeof e.uid != "number" ? process.getuid?.() === 0 : !!e.preserveOwner, this.processUid = (this.preserveOwner || this.setOwner) && process.getuid ? process.getuid() : void 0, this.processGid = (this.preserveOwner || this.setOwner) && process.getgid ? process.getgid() : void 0, this.maxDepth = typeof e.maxDepth == "number" ? e.maxDepth : hl, this.forceChown = e.forceChown === true, this.win32 = !!e.win32 || zt, this.newer = !!e.newer, this.keep = !!e.keep, this.noMtime = !!e.noMtime, this.preservePaths = !!e.preservePaths, this.unlink = !!e.unlink, this.cwd = (0, U.normalizeWindowsPath)(g.default.resolve(e.cwd || process.cwd())), this.strip = Number(e.strip) || 0, this.processUmask = this.chmod ? typeof e.processUmask == "number" ? e.processUmask : (0, ol.umask)() : 0, this.umask = typeof e.umask == "number" ? e.umask : this.processUmask, this.dmode = e.dmode || 511 & ~this.umask, this.fmode = e.fmode || 438 & ~this.umask, this.on("entry", (t) => this[ro](t));
        }
        warn(e, t, i = {}) {
          return (e === "TAR_BAD_ARCHIVE" || e === "TAR_ABORT") && (i.recoverable = false), super.warn(e, t, i);
        }
        [Dr]() {
          this[Tr] && this[Gi] === 0 && (this.emit("prefinish"), this.emit("finish"), this.emit("end"));
        }
        [vr](e, t) {
          let i = e[t], { type: r } = e;
          if (!i || this.preservePaths) return true;
          let [n2, o] = (0, rl.stripAbsolutePath)(i), a = o.replaceAll(/\\/g, "/").split("/");
          if (a.includes("..") || zt && /^[a-z]:\.\.$/i.test(a[0] ?? "")) {
            if (t === "path" || r === "Link") return this.warn("TAR_ENTRY_ERROR", `${t} contains '..'`, { entry: e, [t]: i }), false;
            let h = g.default.posix.dirname(e.path), l = g.default.posix.normalize(g.default.posix.join(h, a.join("/")));
            if (l.startsWith("../") || l === "..") return this.warn("TAR_ENTRY_ERROR", `${t} escapes extraction directory`, { entry: e, [t]: i }), false;
          }
          return n2 && (e[t] = String(o), this.warn("TAR_ENTRY_INFO", `stripping ${n2} from absolute ${t}`, { entry: e, [t]: i })), true;
        }
        [lo](e) {
          let t = (0, U.normalizeWindowsPath)(e.path), i = t.split("/");
          if (this.strip) {
            if (i.length < this.strip) return false;
            if (e.type === "Link") {
              let r = (0, U.normalizeWindowsPath)(String(e.linkpath)).split("/");
              if (r.length >= this.strip) e.linkpath = r.slice(this.strip).join("/");
              else return false;
            }
            i.splice(0, this.strip), e.path = i.join("/");
          }
          if (isFinite(this.maxDepth) && i.length > this.maxDepth) return this.warn("TAR_ENTRY_ERROR", "path excessively deep", { entry: e, path: t, depth: i.length, maxDepth: this.maxDepth }), false;
          if (!this[vr](e, "path") || !this[vr](e, "linkpath")) return false;
          if (e.absolute = g.default.isAbsolute(e.path) ? (0, U.normalizeWindowsPath)(g.default.resolve(e.path)) : (0, U.normalizeWindowsPath)(g.default.resolve(this.cwd, e.path)), !this.preservePaths && typeof e.absolute == "string" && e.absolute.indexOf(this.cwd + "/") !== 0 && e.absolute !== this.cwd) return this.warn("TAR_ENTRY_ERROR", "path escaped extraction target", { entry: e, path: (0, U.normalizeWindowsPath)(e.path), resolvedPath: e.absolute, cwd: this.cwd }), false;
          if (e.absolute === this.cwd && e.type !== "Directory" && e.type !== "GNUDumpDir") return false;
          if (this.win32) {
            let { root: r } = g.default.win32.parse(String(e.absolute));
            e.absolute = r + so.encode(String(e.absolute).slice(r.length));
            let { root: n2 } = g.default.win32.parse(e.path);
            e.path = n2 + so.encode(e.path.slice(n2.length));
          }
          return true;
        }
        [ro](e) {
          if (!this[lo](e)) return e.resume();
          switch (il.default.equal(typeof e.absolute, "string"), e.type) {
            case "Directory":
            case "GNUDumpDir":
              e.mode && (e.mode = e.mode | 448);
            case "File":
            case "OldFile":
            case "ContiguousFile":
            case "Link":
            case "SymbolicLink":
              return this[Pr](e);
            default:
              return this[ho](e);
          }
        }
        [T](e, t) {
          e.name === "CwdError" ? this.emit("error", e) : (this.warn("TAR_ENTRY_ERROR", e, { entry: t }), this[ut](), t.resume());
        }
        [Pe](e, t, i) {
          (0, _o.mkdir)((0, U.normalizeWindowsPath)(e), { uid: this.uid, gid: this.gid, processUid: this.processUid, processGid: this.processGid, umask: this.processUmask, preserve: this.preservePaths, unlink: this.unlink, cwd: this.cwd, mode: t }, i);
        }
        [It](e) {
          return this.forceChown || this.preserveOwner && (typeof e.uid == "number" && e.uid !== this.processUid || typeof e.gid == "number" && e.gid !== this.processGid) || typeof this.uid == "number" && this.uid !== this.processUid || typeof this.gid == "number" && this.gid !== this.processGid;
        }
        [Ft](e) {
          return uo(this.uid, e.uid, this.processUid);
        }
        [Ct](e) {
          return uo(this.gid, e.gid, this.processGid);
        }
        [Mr](e, t) {
          let i = typeof e.mode == "number" ? e.mode & 4095 : this.fmode, r = new tl.WriteStream(String(e.absolute), { flags: (0, po.getWriteFlag)(e.size), mode: i, autoClose: false });
          r.on("error", (h) => {
            r.fd && m.default.close(r.fd, () => {
            }), r.write = () => true, this[T](h, e), t();
          });
          let n2 = 1, o = (h) => {
            if (h) {
              r.fd && m.default.close(r.fd, () => {
              }), this[T](h, e), t();
              return;
            }
            --n2 === 0 && r.fd !== void 0 && m.default.close(r.fd, (l) => {
              l ? this[T](l, e) : this[ut](), t();
            });
          };
          r.on("finish", () => {
            let h = String(e.absolute), l = r.fd;
            if (typeof l == "number" && e.mtime && !this.noMtime) {
              n2++;
              let c = e.atime || /* @__PURE__ */ new Date(), u = e.mtime;
              m.default.futimes(l, c, u, (b) => b ? m.default.utimes(h, c, u, (D) => o(D && b)) : o());
            }
            if (typeof l == "number" && this[It](e)) {
              n2++;
              let c = this[Ft](e), u = this[Ct](e);
              typeof c == "number" && typeof u == "number" && m.default.fchown(l, c, u, (b) => b ? m.default.chown(h, c, u, (D) => o(D && b)) : o());
            }
            o();
          });
          let a = this.transform && this.transform(e) || e;
          a !== e && (a.on("error", (h) => {
            this[T](h, e), t();
          }), e.pipe(a)), a.pipe(r);
        }
        [Lr](e, t) {
          let i = typeof e.mode == "number" ? e.mode & 4095 : this.dmode;
          this[Pe](String(e.absolute), i, (r) => {
            if (r) {
              this[T](r, e), t();
              return;
            }
            let n2 = 1, o = () => {
              --n2 === 0 && (t(), this[ut](), e.resume());
            };
            e.mtime && !this.noMtime && (n2++, m.default.utimes(String(e.absolute), e.atime || /* @__PURE__ */ new Date(), e.mtime, o)), this[It](e) && (n2++, m.default.chown(String(e.absolute), Number(this[Ft](e)), Number(this[Ct](e)), o)), o();
          });
        }
        [ho](e) {
          e.unsupported = true, this.warn("TAR_ENTRY_UNSUPPORTED", `unsupported entry type: ${e.type}`, { entry: e }), e.resume();
        }
        [oo](e, t) {
          let i = (0, U.normalizeWindowsPath)(g.default.relative(this.cwd, g.default.resolve(g.default.dirname(String(e.absolute)), String(e.linkpath)))).split("/");
          this[At](e, this.cwd, i, () => this[Zi](e, String(e.linkpath), "symlink", t), (r) => {
            this[T](r, e), t();
          });
        }
        [ao](e, t) {
          let i = (0, U.normalizeWindowsPath)(g.default.resolve(this.cwd, String(e.linkpath))), r = (0, U.normalizeWindowsPath)(String(e.linkpath)).split("/");
          this[At](e, this.cwd, r, () => this[Zi](e, i, "link", t), (n2) => {
            this[T](n2, e), t();
          });
        }
        [At](e, t, i, r, n2) {
          let o = i.shift();
          if (this.preservePaths || o === void 0) return r();
          let a = g.default.resolve(t, o);
          m.default.lstat(a, (h, l) => {
            if (h) return r();
            if (l?.isSymbolicLink()) return n2(new wo.SymlinkError(a, g.default.resolve(a, i.join("/"))));
            this[At](e, a, i, r, n2);
          });
        }
        [co]() {
          this[Gi]++;
        }
        [ut]() {
          this[Gi]--, this[Dr]();
        }
        [Ar](e) {
          this[ut](), e.resume();
        }
        [Nr](e, t) {
          return e.type === "File" && !this.unlink && t.isFile() && t.nlink <= 1 && !zt;
        }
        [Pr](e) {
          this[co]();
          let t = [e.path];
          e.linkpath && t.push(e.linkpath), this.reservations.reserve(t, (i) => this[no](e, i));
        }
        [no](e, t) {
          let i = (a) => {
            t(a);
          }, r = () => {
            this[Pe](this.cwd, this.dmode, (a) => {
              if (a) {
                this[T](a, e), i();
                return;
              }
              this[Bt] = true, n2();
            });
          }, n2 = () => {
            if (e.absolute !== this.cwd) {
              let a = (0, U.normalizeWindowsPath)(g.default.dirname(String(e.absolute)));
              if (a !== this.cwd) return this[Pe](a, this.dmode, (h) => {
                if (h) {
                  this[T](h, e), i();
                  return;
                }
                o();
              });
            }
            o();
          }, o = () => {
            m.default.lstat(String(e.absolute), (a, h) => {
              if (h && (this.keep || this.newer && h.mtime > (e.mtime ?? h.mtime))) {
                this[Ar](e), i();
                return;
              }
              if (a || this[Nr](e, h)) return this[G](null, e, i);
              if (h.isDirectory()) {
                if (e.type === "Directory") {
                  let l = this.chmod && e.mode && (h.mode & 4095) !== e.mode, c = (u) => this[G](u ?? null, e, i);
                  return l ? m.default.chmod(String(e.absolute), Number(e.mode), c) : c();
                }
                if (e.absolute !== this.cwd) return m.default.rmdir(String(e.absolute), (l) => this[G](l ?? null, e, i));
              }
              if (e.absolute === this.cwd) return this[G](null, e, i);
              ll(String(e.absolute), (l) => this[G](l ?? null, e, i));
            });
          };
          this[Bt] ? n2() : r();
        }
        [G](e, t, i) {
          if (e) {
            this[T](e, t), i();
            return;
          }
          switch (t.type) {
            case "File":
            case "OldFile":
            case "ContiguousFile":
              return this[Mr](t, i);
            case "Link":
              return this[ao](t, i);
            case "SymbolicLink":
              return this[oo](t, i);
            case "Directory":
            case "GNUDumpDir":
              return this[Lr](t, i);
          }
        }
        [Zi](e, t, i, r) {
          m.default[i](t, String(e.absolute), (n2) => {
            n2 ? this[T](n2, e) : (this[ut](), e.resume()), r();
          });
        }
      };
      k.Unpack = Yi;
      var Lt = (s2) => {
        try {
          return [null, s2()];
        } catch (e) {
          return [e, null];
        }
      }, Ir = class extends Yi {
        sync = true;
        [G](e, t) {
          return super[G](e, t, () => {
          });
        }
        [Pr](e) {
          if (!this[Bt]) {
            let n2 = this[Pe](this.cwd, this.dmode);
            if (n2) return this[T](n2, e);
            this[Bt] = true;
          }
          if (e.absolute !== this.cwd) {
            let n2 = (0, U.normalizeWindowsPath)(g.default.dirname(String(e.absolute)));
            if (n2 !== this.cwd) {
              let o = this[Pe](n2, this.dmode);
              if (o) return this[T](o, e);
            }
          }
          let [t, i] = Lt(() => m.default.lstatSync(String(e.absolute)));
          if (i && (this.keep || this.newer && i.mtime > (e.mtime ?? i.mtime))) return this[Ar](e);
          if (t || this[Nr](e, i)) return this[G](null, e);
          if (i.isDirectory()) {
            if (e.type === "Directory") {
              let o = this.chmod && e.mode && (i.mode & 4095) !== e.mode, [a] = o ? Lt(() => {
                m.default.chmodSync(String(e.absolute), Number(e.mode));
              }) : [];
              return this[G](a, e);
            }
            let [n2] = Lt(() => m.default.rmdirSync(String(e.absolute)));
            this[G](n2, e);
          }
          let [r] = e.absolute === this.cwd ? [] : Lt(() => cl(String(e.absolute)));
          this[G](r, e);
        }
        [Mr](e, t) {
          let i = typeof e.mode == "number" ? e.mode & 4095 : this.fmode, r = (a) => {
            let h;
            try {
              m.default.closeSync(n2);
            } catch (l) {
              h = l;
            }
            (a || h) && this[T](a || h, e), t();
          }, n2;
          try {
            n2 = m.default.openSync(String(e.absolute), (0, po.getWriteFlag)(e.size), i);
          } catch (a) {
            return r(a);
          }
          let o = this.transform && this.transform(e) || e;
          o !== e && (o.on("error", (a) => this[T](a, e)), e.pipe(o)), o.on("data", (a) => {
            try {
              m.default.writeSync(n2, a, 0, a.length);
            } catch (h) {
              r(h);
            }
          }), o.on("end", () => {
            let a = null;
            if (e.mtime && !this.noMtime) {
              let h = e.atime || /* @__PURE__ */ new Date(), l = e.mtime;
              try {
                m.default.futimesSync(n2, h, l);
              } catch (c) {
                try {
                  m.default.utimesSync(String(e.absolute), h, l);
                } catch {
                  a = c;
                }
              }
            }
            if (this[It](e)) {
              let h = this[Ft](e), l = this[Ct](e);
              try {
                m.default.fchownSync(n2, Number(h), Number(l));
              } catch (c) {
                try {
                  m.default.chownSync(String(e.absolute), Number(h), Number(l));
                } catch {
                  a = a || c;
                }
              }
            }
            r(a);
          });
        }
        [Lr](e, t) {
          let i = typeof e.mode == "number" ? e.mode & 4095 : this.dmode, r = this[Pe](String(e.absolute), i);
          if (r) {
            this[T](r, e), t();
            return;
          }
          if (e.mtime && !this.noMtime) try {
            m.default.utimesSync(String(e.absolute), e.atime || /* @__PURE__ */ new Date(), e.mtime);
          } catch {
          }
          if (this[It](e)) try {
            m.default.chownSync(String(e.absolute), Number(this[Ft](e)), Number(this[Ct](e)));
          } catch {
          }
          t(), e.resume();
        }
        [Pe](e, t) {
          try {
            return (0, _o.mkdirSync)((0, U.normalizeWindowsPath)(e), { uid: this.uid, gid: this.gid, processUid: this.processUid, processGid: this.processGid, umask: this.processUmask, preserve: this.preservePaths, unlink: this.unlink, cwd: this.cwd, mode: t });
          } catch (i) {
            return i;
          }
        }
        [At](e, t, i, r, n2) {
          if (this.preservePaths || i.length === 0) return r();
          let o = t;
          for (let a of i) {
            o = g.default.resolve(o, a);
            let [h, l] = Lt(() => m.default.lstatSync(o));
            if (h) return r();
            if (l.isSymbolicLink()) return n2(new wo.SymlinkError(o, g.default.resolve(t, i.join("/"))));
          }
          r();
        }
        [Zi](e, t, i, r) {
          let n2 = `${i}Sync`;
          try {
            m.default[n2](t, String(e.absolute)), r(), e.resume();
          } catch (o) {
            return this[T](o, e);
          }
        }
      };
      k.UnpackSync = Ir;
    });
    var Br = d((Z) => {
      "use strict";
      var ul = Z && Z.__createBinding || (Object.create ? (function(s2, e, t, i) {
        i === void 0 && (i = t);
        var r = Object.getOwnPropertyDescriptor(e, t);
        (!r || ("get" in r ? !e.__esModule : r.writable || r.configurable)) && (r = { enumerable: true, get: function() {
          return e[t];
        } }), Object.defineProperty(s2, i, r);
      }) : (function(s2, e, t, i) {
        i === void 0 && (i = t), s2[i] = e[t];
      })), fl = Z && Z.__setModuleDefault || (Object.create ? (function(s2, e) {
        Object.defineProperty(s2, "default", { enumerable: true, value: e });
      }) : function(s2, e) {
        s2.default = e;
      }), dl = Z && Z.__importStar || /* @__PURE__ */ (function() {
        var s2 = function(e) {
          return s2 = Object.getOwnPropertyNames || function(t) {
            var i = [];
            for (var r in t) Object.prototype.hasOwnProperty.call(t, r) && (i[i.length] = r);
            return i;
          }, s2(e);
        };
        return function(e) {
          if (e && e.__esModule) return e;
          var t = {};
          if (e != null) for (var i = s2(e), r = 0; r < i.length; r++) i[r] !== "default" && ul(t, e, i[r]);
          return fl(t, e), t;
        };
      })(), ml = Z && Z.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(Z, "__esModule", { value: true });
      Z.extract = void 0;
      var yo = dl(Ke()), Eo = ml(__require("node:fs")), pl = rt(), _l = Ve(), Ki = Cr(), wl = (s2) => {
        let e = new Ki.UnpackSync(s2), t = s2.file, i = Eo.default.statSync(t), r = s2.maxReadSize || 16 * 1024 * 1024;
        new yo.ReadStreamSync(t, { readSize: r, size: i.size }).pipe(e);
      }, yl = (s2, e) => {
        let t = new Ki.Unpack(s2), i = s2.maxReadSize || 16 * 1024 * 1024, r = s2.file;
        return new Promise((o, a) => {
          t.on("error", a), t.on("close", o), Eo.default.stat(r, (h, l) => {
            if (h) a(h);
            else {
              let c = new yo.ReadStream(r, { readSize: i, size: l.size });
              c.on("error", a), c.pipe(t);
            }
          });
        });
      };
      Z.extract = (0, _l.makeCommand)(wl, yl, (s2) => new Ki.UnpackSync(s2), (s2) => new Ki.Unpack(s2), (s2, e) => {
        e?.length && (0, pl.filesFilter)(s2, e);
      });
    });
    var Vi = d((ft) => {
      "use strict";
      var bo = ft && ft.__importDefault || function(s2) {
        return s2 && s2.__esModule ? s2 : { default: s2 };
      };
      Object.defineProperty(ft, "__esModule", { value: true });
      ft.replace = void 0;
      var So = Ke(), q = bo(__require("node:fs")), go = bo(__require("node:path")), Ro = et(), Oo = rt(), El = Ve(), bl = Qt(), vo = Ci(), Sl = (s2, e) => {
        let t = new vo.PackSync(s2), i = true, r, n2;
        try {
          try {
            r = q.default.openSync(s2.file, "r+");
          } catch (h) {
            if (h?.code === "ENOENT") r = q.default.openSync(s2.file, "w+");
            else throw h;
          }
          let o = q.default.fstatSync(r), a = Buffer.alloc(512);
          e: for (n2 = 0; n2 < o.size; n2 += 512) {
            for (let c = 0, u = 0; c < 512; c += u) {
              if (u = q.default.readSync(r, a, c, a.length - c, n2 + c), n2 === 0 && a[0] === 31 && a[1] === 139) throw new Error("cannot append to compressed archives");
              if (!u) break e;
            }
            let h = new Ro.Header(a);
            if (!h.cksumValid) break;
            let l = 512 * Math.ceil((h.size || 0) / 512);
            if (n2 + l + 512 > o.size) break;
            n2 += l, s2.mtimeCache && h.mtime && s2.mtimeCache.set(String(h.path), h.mtime);
          }
          i = false, gl(s2, t, n2, r, e);
        } finally {
          if (i) try {
            q.default.closeSync(r);
          } catch {
          }
        }
      }, gl = (s2, e, t, i, r) => {
        let n2 = new So.WriteStreamSync(s2.file, { fd: i, start: t });
        e.pipe(n2), Ol(e, r);
      }, Rl = (s2, e) => {
        e = Array.from(e);
        let t = new vo.Pack(s2), i = (n2, o, a) => {
          let h = (D, A2) => {
            D ? q.default.close(n2, (w) => a(D)) : a(null, A2);
          }, l = 0;
          if (o === 0) return h(null, 0);
          let c = 0, u = Buffer.alloc(512), b = (D, A2) => {
            if (D || A2 === void 0) return h(D);
            if (c += A2, c < 512 && A2) return q.default.read(n2, u, c, u.length - c, l + c, b);
            if (l === 0 && u[0] === 31 && u[1] === 139) return h(new Error("cannot append to compressed archives"));
            if (c < 512) return h(null, l);
            let w = new Ro.Header(u);
            if (!w.cksumValid) return h(null, l);
            let P = 512 * Math.ceil((w.size ?? 0) / 512);
            if (l + P + 512 > o || (l += P + 512, l >= o)) return h(null, l);
            s2.mtimeCache && w.mtime && s2.mtimeCache.set(String(w.path), w.mtime), c = 0, q.default.read(n2, u, 0, 512, l, b);
          };
          q.default.read(n2, u, 0, 512, l, b);
        };
        return new Promise((n2, o) => {
          t.on("error", o);
          let a = "r+", h = (l, c) => {
            if (l && l.code === "ENOENT" && a === "r+") return a = "w+", q.default.open(s2.file, a, h);
            if (l || !c) return o(l);
            q.default.fstat(c, (u, b) => {
              if (u) return q.default.close(c, () => o(u));
              i(c, b.size, (D, A2) => {
                if (D) return o(D);
                let w = new So.WriteStream(s2.file, { fd: c, start: A2 });
                t.pipe(w), w.on("error", o), w.on("close", n2), vl(t, e);
              });
            });
          };
          q.default.open(s2.file, a, h);
        });
      }, Ol = (s2, e) => {
        e.forEach((t) => {
          t.charAt(0) === "@" ? (0, Oo.list)({ file: go.default.resolve(s2.cwd, t.slice(1)), sync: true, noResume: true, onReadEntry: (i) => s2.add(i) }) : s2.add(t);
        }), s2.end();
      }, vl = async (s2, e) => {
        for (let t of e) t.charAt(0) === "@" ? await (0, Oo.list)({ file: go.default.resolve(String(s2.cwd), t.slice(1)), noResume: true, onReadEntry: (i) => s2.add(i) }) : s2.add(t);
        s2.end();
      };
      ft.replace = (0, El.makeCommand)(Sl, Rl, () => {
        throw new TypeError("file is required");
      }, () => {
        throw new TypeError("file is required");
      }, (s2, e) => {
        if (!(0, bl.isFile)(s2)) throw new TypeError("file is required");
        if (s2.gzip || s2.brotli || s2.zstd || s2.file.endsWith(".br") || s2.file.endsWith(".tbr")) throw new TypeError("cannot append to compressed archives");
        if (!e?.length) throw new TypeError("no paths specified to add/replace");
      });
    });
    var zr = d(($i) => {
      "use strict";
      Object.defineProperty($i, "__esModule", { value: true });
      $i.update = void 0;
      var Tl = Ve(), kt = Vi();
      $i.update = (0, Tl.makeCommand)(kt.replace.syncFile, kt.replace.asyncFile, kt.replace.syncNoFile, kt.replace.asyncNoFile, (s2, e = []) => {
        kt.replace.validate?.(s2, e), Dl(s2);
      });
      var Dl = (s2) => {
        let e = s2.filter;
        s2.mtimeCache || (s2.mtimeCache = /* @__PURE__ */ new Map()), s2.filter = e ? (t, i) => e(t, i) && !((s2.mtimeCache?.get(t) ?? i.mtime ?? 0) > (i.mtime ?? 0)) : (t, i) => !((s2.mtimeCache?.get(t) ?? i.mtime ?? 0) > (i.mtime ?? 0));
      };
    });
    var To = exports && exports.__createBinding || (Object.create ? (function(s2, e, t, i) {
      i === void 0 && (i = t);
      var r = Object.getOwnPropertyDescriptor(e, t);
      (!r || ("get" in r ? !e.__esModule : r.writable || r.configurable)) && (r = { enumerable: true, get: function() {
        return e[t];
      } }), Object.defineProperty(s2, i, r);
    }) : (function(s2, e, t, i) {
      i === void 0 && (i = t), s2[i] = e[t];
    }));
    var Pl = exports && exports.__setModuleDefault || (Object.create ? (function(s2, e) {
      Object.defineProperty(s2, "default", { enumerable: true, value: e });
    }) : function(s2, e) {
      s2.default = e;
    });
    var Y = exports && exports.__exportStar || function(s2, e) {
      for (var t in s2) t !== "default" && !Object.prototype.hasOwnProperty.call(e, t) && To(e, s2, t);
    };
    var Nl = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var s2 = function(e) {
        return s2 = Object.getOwnPropertyNames || function(t) {
          var i = [];
          for (var r in t) Object.prototype.hasOwnProperty.call(t, r) && (i[i.length] = r);
          return i;
        }, s2(e);
      };
      return function(e) {
        if (e && e.__esModule) return e;
        var t = {};
        if (e != null) for (var i = s2(e), r = 0; r < i.length; r++) i[r] !== "default" && To(t, e, i[r]);
        return Pl(t, e), t;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.u = exports.types = exports.r = exports.t = exports.x = exports.c = void 0;
    Y(_r(), exports);
    var Ml = _r();
    Object.defineProperty(exports, "c", { enumerable: true, get: function() {
      return Ml.create;
    } });
    Y(Br(), exports);
    var Ll = Br();
    Object.defineProperty(exports, "x", { enumerable: true, get: function() {
      return Ll.extract;
    } });
    Y(et(), exports);
    Y(rt(), exports);
    var Al = rt();
    Object.defineProperty(exports, "t", { enumerable: true, get: function() {
      return Al.list;
    } });
    Y(Ci(), exports);
    Y(_i(), exports);
    Y(si(), exports);
    Y(Cs(), exports);
    Y(Vi(), exports);
    var Il = Vi();
    Object.defineProperty(exports, "r", { enumerable: true, get: function() {
      return Il.replace;
    } });
    exports.types = Nl(Ns());
    Y(Cr(), exports);
    Y(zr(), exports);
    var Fl = zr();
    Object.defineProperty(exports, "u", { enumerable: true, get: function() {
      return Fl.update;
    } });
    Y(nr(), exports);
  }
});

// src/content/internal/tar-lib.ts
function tarLib() {
  lib ??= require_index_min();
  return lib;
}
var lib;
var init_tar_lib = __esm({
  "src/content/internal/tar-lib.ts"() {
    "use strict";
  }
});

// src/content/internal/tar-reader.ts
function paddingOf(size) {
  const r = size % BLOCK;
  return r === 0 ? 0 : BLOCK - r;
}
function truncated() {
  return new OrasError("UNEXPECTED_EOF", "invalid tar archive: unexpected EOF");
}
function parsePax(body, into = {}) {
  let off = 0;
  while (off < body.length) {
    if (body[off] === 0) break;
    const space = body.indexOf(32, off);
    if (space < 0) throw new OrasError("INVALID_ARGUMENT", "invalid tar archive: malformed PAX record");
    const len2 = Number.parseInt(body.subarray(off, space).toString("ascii"), 10);
    if (!Number.isSafeInteger(len2) || len2 <= space - off + 1 || off + len2 > body.length || body[off + len2 - 1] !== 10) {
      throw new OrasError("INVALID_ARGUMENT", "invalid tar archive: malformed PAX record");
    }
    const rec = body.subarray(space + 1, off + len2 - 1).toString("utf8");
    const eq2 = rec.indexOf("=");
    if (eq2 <= 0) throw new OrasError("INVALID_ARGUMENT", "invalid tar archive: malformed PAX record");
    const key = rec.slice(0, eq2);
    const value = rec.slice(eq2 + 1);
    if (value === "") delete into[key];
    else into[key] = value;
    off += len2;
  }
  return into;
}
function paxToHeaderData(pax) {
  const h = {};
  if (pax.path !== void 0) h.path = pax.path;
  if (pax.linkpath !== void 0) h.linkpath = pax.linkpath;
  if (pax.size !== void 0) {
    const n2 = Number(pax.size);
    if (!Number.isSafeInteger(n2) || n2 < 0) throw new OrasError("INVALID_ARGUMENT", "invalid tar archive: bad PAX size");
    h.size = n2;
  }
  if (pax.mtime !== void 0) {
    const t = Number(pax.mtime);
    if (Number.isFinite(t)) h.mtime = new Date(t * 1e3);
  }
  return h;
}
function cString(b) {
  const nul = b.indexOf(0);
  return (nul >= 0 ? b.subarray(0, nul) : b).toString("utf8");
}
function isZeroBlock(b) {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}
async function* readTar(src) {
  let pax;
  const globalPax = {};
  let longPath;
  let longLink;
  for (; ; ) {
    const block = await src.read(BLOCK);
    if (block === null) break;
    if (isZeroBlock(block)) break;
    const ex = pax ? paxToHeaderData(pax) : void 0;
    const gex = Object.keys(globalPax).length > 0 ? paxToHeaderData(globalPax) : void 0;
    let h;
    try {
      h = new (tarLib()).Header(block, 0, ex, gex);
    } catch (err) {
      throw new OrasError("INVALID_ARGUMENT", `invalid tar archive: bad header at offset ${src.position - BLOCK}: ${err?.message ?? String(err)}`, { cause: err });
    }
    if (!h.cksumValid) throw new OrasError("INVALID_ARGUMENT", `invalid tar archive: bad header checksum at offset ${src.position - BLOCK}`);
    const size = h.size ?? 0;
    if (!Number.isSafeInteger(size) || size < 0) throw new OrasError("INVALID_ARGUMENT", "invalid tar archive: bad entry size");
    const key = h.typeKey;
    if (key === "x" || key === "g" || key === "L" || key === "K") {
      if (size > MAX_EXTENSION_BYTES) throw new OrasError("INVALID_ARGUMENT", "invalid tar archive: extension header too large");
      const body2 = size === 0 ? Buffer.alloc(0) : await src.read(size);
      if (body2 === null) throw truncated();
      await src.skip(paddingOf(size));
      if (key === "x") pax = parsePax(body2, pax ?? {});
      else if (key === "g") parsePax(body2, globalPax);
      else if (key === "L") longPath = cString(body2);
      else longLink = cString(body2);
      continue;
    }
    const typeName3 = h.type;
    const type = KNOWN.has(typeName3) ? typeName3 : "Other";
    const path = pax?.path ?? longPath ?? h.path ?? "";
    const linkpath = pax?.linkpath ?? longLink ?? h.linkpath ?? "";
    pax = void 0;
    longPath = void 0;
    longLink = void 0;
    const dataSize = HEADER_ONLY.has(type) ? 0 : size;
    const offset = src.position;
    let consumed = 0;
    let reading = false;
    const body = {
      [Symbol.asyncIterator]: async function* () {
        if (reading) throw new OrasError("INVALID_ARGUMENT", "tar entry body read twice");
        reading = true;
        for await (const c of src.chunks(dataSize - consumed)) {
          consumed += c.length;
          yield c;
        }
      }
    };
    yield { path, type, size: dataSize, mode: h.mode ?? 0, mtime: h.mtime, linkpath, offset, body };
    await src.skip(dataSize - consumed);
    await src.skip(paddingOf(dataSize));
  }
  await src.drain();
}
var BLOCK, StreamBlockSource, FileBlockSource, KNOWN, HEADER_ONLY, MAX_EXTENSION_BYTES;
var init_tar_reader = __esm({
  "src/content/internal/tar-reader.ts"() {
    "use strict";
    init_errors();
    init_tar_lib();
    BLOCK = 512;
    StreamBlockSource = class {
      it;
      buf = Buffer.alloc(0);
      pos = 0;
      done = false;
      constructor(src) {
        this.it = src[Symbol.asyncIterator]();
      }
      get position() {
        return this.pos;
      }
      async fill() {
        if (this.done) return false;
        const r = await this.it.next();
        if (r.done) {
          this.done = true;
          return false;
        }
        const chunk = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
        this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
        return true;
      }
      async read(n2) {
        while (this.buf.length < n2) {
          if (!await this.fill()) {
            if (this.buf.length === 0) return null;
            throw truncated();
          }
        }
        const out = this.buf.subarray(0, n2);
        this.buf = this.buf.subarray(n2);
        this.pos += n2;
        return out;
      }
      async *chunks(n2) {
        let left = n2;
        while (left > 0) {
          if (this.buf.length === 0 && !await this.fill()) throw truncated();
          const take = Math.min(left, this.buf.length);
          const out = this.buf.subarray(0, take);
          this.buf = this.buf.subarray(take);
          this.pos += take;
          left -= take;
          yield out;
        }
      }
      async skip(n2) {
        for await (const _ of this.chunks(n2)) {
        }
      }
      async drain() {
        this.pos += this.buf.length;
        this.buf = Buffer.alloc(0);
        while (await this.fill()) {
          this.pos += this.buf.length;
          this.buf = Buffer.alloc(0);
        }
      }
    };
    FileBlockSource = class {
      constructor(fh, fileSize2) {
        this.fh = fh;
        this.fileSize = fileSize2;
      }
      fh;
      fileSize;
      pos = 0;
      get position() {
        return this.pos;
      }
      async read(n2) {
        if (this.pos >= this.fileSize) return null;
        if (this.pos + n2 > this.fileSize) throw truncated();
        const out = Buffer.alloc(n2);
        let got = 0;
        while (got < n2) {
          const { bytesRead } = await this.fh.read(out, got, n2 - got, this.pos + got);
          if (bytesRead === 0) throw truncated();
          got += bytesRead;
        }
        this.pos += n2;
        return out;
      }
      async skip(n2) {
        if (this.pos + n2 > this.fileSize) throw truncated();
        this.pos += n2;
      }
      async *chunks(n2) {
        let left = n2;
        while (left > 0) {
          const take = Math.min(left, 64 * 1024);
          const b = await this.read(take);
          if (b === null) throw truncated();
          left -= take;
          yield b;
        }
      }
      async drain() {
        this.pos = this.fileSize;
      }
    };
    KNOWN = /* @__PURE__ */ new Set([
      "File",
      "OldFile",
      "ContiguousFile",
      "Directory",
      "SymbolicLink",
      "Link",
      "CharacterDevice",
      "BlockDevice",
      "FIFO"
    ]);
    HEADER_ONLY = /* @__PURE__ */ new Set(["Directory", "SymbolicLink", "Link", "CharacterDevice", "BlockDevice", "FIFO"]);
    MAX_EXTENSION_BYTES = 1024 * 1024;
  }
});

// src/content/internal/tar-writer.ts
import { open as open3, readdir, readlink, stat as statPath, lstat as lstat2 } from "node:fs/promises";
import { posix } from "node:path";
function encodeTarHeader(e) {
  const { Header, Pax } = tarLib();
  const h = new Header({
    path: e.path,
    mode: e.mode & 4095,
    uid: 0,
    gid: 0,
    size: e.type === "File" ? e.size ?? 0 : 0,
    mtime: new Date(Math.round(e.mtime.getTime() / 1e3) * 1e3),
    type: e.type,
    linkpath: e.linkpath ?? "",
    uname: "",
    gname: "",
    devmaj: e.devmaj ?? 0,
    devmin: e.devmin ?? 0
  });
  const block = Buffer.alloc(BLOCK);
  const needPax = h.encode(block, 0);
  if (!needPax) return block;
  const paxData = { path: e.path };
  if (e.linkpath) paxData.linkpath = e.linkpath;
  if (e.type === "File" && (e.size ?? 0) > MAX_OCTAL_SIZE) paxData.size = e.size ?? 0;
  return Buffer.concat([new Pax(paxData).encode(), block]);
}
function tarPadding(size) {
  return Buffer.alloc(paddingOf(size));
}
function compareBytewise(a, b) {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
function devNumbers(rdev) {
  const hi = Math.floor(rdev / 2 ** 32);
  const lo = rdev >>> 0;
  return {
    devmaj: lo >>> 8 & 4095 | (hi & 4294963200) >>> 0,
    devmin: lo & 255 | lo >>> 12 & 1048320
  };
}
async function* fileBody(path, size, signal) {
  const fh = await open3(path, "r");
  try {
    let pos = 0;
    const buf = Buffer.allocUnsafe(Math.min(Math.max(size, 1), 256 * 1024));
    while (pos < size) {
      throwIfAborted(signal);
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
      if (bytesRead === 0) throw new OrasError("UNEXPECTED_EOF", `${path}: file shrank while it was being archived`);
      pos += bytesRead;
      yield Buffer.from(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
}
async function* tarTree(root, opts) {
  const rootStat = await statPath(root);
  if (!rootStat.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${root}: not a directory`);
  yield* walk(root, "", rootStat, opts);
  yield TAR_END;
}
async function* walk(abs, rel, st, opts) {
  throwIfAborted(opts.signal);
  const name = opts.prefix === "" ? rel : rel === "" ? opts.prefix : posix.join(opts.prefix, rel);
  const mtime = opts.mtime ?? st.mtime;
  const mode = st.mode;
  if (st.isDirectory()) {
    if (name !== "") yield encodeTarHeader({ path: opts.dirSlash ? `${name}/` : name, type: "Directory", mode, mtime });
    const names = (await readdir(abs)).sort(compareBytewise);
    for (const child of names) {
      const childAbs = `${abs}/${child}`;
      const childRel = rel === "" ? child : `${rel}/${child}`;
      const cst = await lstat2(childAbs);
      if (opts.include && !opts.include(childRel, cst)) continue;
      yield* walk(childAbs, childRel, cst, opts);
    }
    return;
  }
  if (st.isFile()) {
    yield encodeTarHeader({ path: name, type: "File", size: st.size, mode, mtime });
    yield* fileBody(abs, st.size, opts.signal);
    if (paddingOf(st.size) > 0) yield tarPadding(st.size);
    return;
  }
  if (st.isSymbolicLink()) {
    yield encodeTarHeader({ path: name, type: "SymbolicLink", mode, mtime, linkpath: await readlink(abs) });
    return;
  }
  if (st.isFIFO()) {
    yield encodeTarHeader({ path: name, type: "FIFO", mode, mtime });
    return;
  }
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    yield encodeTarHeader({
      path: name,
      type: st.isCharacterDevice() ? "CharacterDevice" : "BlockDevice",
      mode,
      mtime,
      ...devNumbers(st.rdev)
    });
    return;
  }
  throw new OrasError("UNSUPPORTED", `${abs}: sockets not supported`);
}
var TAR_END, MAX_OCTAL_SIZE;
var init_tar_writer = __esm({
  "src/content/internal/tar-writer.ts"() {
    "use strict";
    init_errors();
    init_fsutil();
    init_tar_lib();
    init_tar_reader();
    TAR_END = Buffer.alloc(2 * BLOCK);
    MAX_OCTAL_SIZE = 8589934591;
  }
});

// src/content/file/unpack.ts
import { createReadStream } from "node:fs";
import { chmod, link, lutimes, mkdir, stat, symlink, unlink as unlink2 } from "node:fs/promises";
import { join as join2, posix as posix2 } from "node:path";
import { pipeline } from "node:stream/promises";
function escapeError(entry, why) {
  return new OrasError("PATH_TRAVERSAL", `${JSON.stringify(entry)}: ${why}: path traversal disallowed`);
}
function isAbsoluteName(p) {
  return p.startsWith("/") || p.startsWith("\\") || /^[A-Za-z]:/.test(p);
}
function normalizeArchivePath(p) {
  return posix2.normalize(p).replace(/\/+$/, "");
}
function underPrefix(p, prefix) {
  if (isAbsoluteName(p) && !isAbsoluteName(prefix)) throw escapeError(p, "absolute path");
  if (p.includes("\0")) throw escapeError(p, "invalid name");
  const norm = normalizeArchivePath(p);
  if (norm === prefix) return [];
  if (!norm.startsWith(`${prefix}/`)) throw escapeError(p, `outside of ${JSON.stringify(prefix)}`);
  const rest = norm.slice(prefix.length + 1).split("/");
  if (rest.includes("..") || rest.includes("")) throw escapeError(p, `outside of ${JSON.stringify(prefix)}`);
  return rest;
}
function checkSymlinkTarget(entry, target2, depth) {
  if (target2 === "") throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(entry)}: empty symlink target`);
  if (isAbsoluteName(target2)) throw escapeError(entry, `absolute link target ${JSON.stringify(target2)}`);
  let ups = 0;
  let named = false;
  for (const s2 of target2.split("/")) {
    if (s2 === "" || s2 === ".") continue;
    if (s2 === "..") {
      if (named) throw escapeError(entry, `link target ${JSON.stringify(target2)} climbs after a name`);
      ups++;
    } else {
      named = true;
    }
  }
  if (ups > depth) throw escapeError(entry, `link target ${JSON.stringify(target2)} is outside of the directory`);
}
function defaultExtractLimit(compressedSize) {
  return EXTRACT_SIZE_BASE + EXTRACT_SIZE_RATIO * compressedSize;
}
async function extractTarGzip(gzPath, dest, prefix, tarDigest, opts = {}) {
  const ex = new Extractor(dest, normalizeArchivePath(prefix));
  await ex.init();
  const max = opts.maxSize ?? defaultExtractLimit((await stat(gzPath)).size);
  const hasher = new HashingStream(
    tarDigest ? algorithmOf(tarDigest) : "sha256",
    { limit: max > 0 ? { bytes: max, error: () => new OrasError("SIZE_EXCEEDS_LIMIT", `${prefix}: the directory archive expands to more than ${max} bytes (extract size limit)`) } : void 0 }
  );
  await pipeline(
    createReadStream(gzPath),
    process.getBuiltinModule("node:zlib").createGunzip(),
    hasher,
    async (source) => {
      for await (const e of readTar(new StreamBlockSource(source))) await ex.entry(e);
    },
    opts.signal ? { signal: opts.signal } : {}
  );
  if (tarDigest !== void 0 && hasher.digest !== tarDigest) {
    throw new OrasError("DIGEST_MISMATCH", `${prefix}: content digest mismatch: expected ${tarDigest}, got ${hasher.digest}`);
  }
  await ex.finish();
}
var Extractor, EXTRACT_SIZE_BASE, EXTRACT_SIZE_RATIO;
var init_unpack = __esm({
  "src/content/file/unpack.ts"() {
    "use strict";
    init_errors();
    init_digest();
    init_fsutil();
    init_hashing();
    init_tar_reader();
    Extractor = class {
      constructor(dest, prefix) {
        this.dest = dest;
        this.prefix = prefix;
      }
      dest;
      prefix;
      dirs = [];
      umask = 18;
      /** Identity of `dest`: extraction stops if the directory was moved or replaced meanwhile. */
      destId = "";
      async init() {
        const st = await lstatOrUndefined(this.dest);
        if (!st?.isDirectory()) throw new OrasError("ABORTED", `${this.dest}: the extraction directory was moved or replaced`);
        this.umask = 511 & ~st.mode;
        this.destId = `${st.dev}:${st.ino}`;
      }
      /** The destination is still the real directory extraction started in. */
      async checkDest() {
        const st = await lstatOrUndefined(this.dest);
        if (!st || !st.isDirectory() || `${st.dev}:${st.ino}` !== this.destId) {
          throw new OrasError("ABORTED", `${this.dest}: the extraction directory was moved or replaced`);
        }
      }
      /** No component of `rel` (a directory chain below dest) may be a symlink. */
      async checkParents(entry, rel) {
        let cur = this.dest;
        for (const s2 of rel) {
          cur = join2(cur, s2);
          const st = await lstatOrUndefined(cur);
          if (!st) return;
          if (st.isSymbolicLink()) throw escapeError(entry, "symlink in path");
          if (!st.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(entry)}: ${s2} is not a directory`);
        }
      }
      /** Makes room for a non-directory entry: removes an existing file or symlink. */
      async clear(entry, target2) {
        const st = await lstatOrUndefined(target2);
        if (!st) return;
        if (st.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(entry)}: a directory is in the way`);
        await unlink2(target2);
      }
      async entry(e) {
        const rel = underPrefix(e.path, this.prefix);
        await this.checkDest();
        if (rel.length === 0) {
          if (e.type !== "Directory") throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(e.path)}: the root entry must be a directory`);
          this.dirs.push({ path: this.dest, depth: 0, mode: e.mode, mtime: e.mtime });
          return;
        }
        const parents = rel.slice(0, -1);
        const target2 = join2(this.dest, ...rel);
        switch (e.type) {
          case "File":
          case "OldFile": {
            await this.checkParents(e.path, parents);
            await mkdir(join2(this.dest, ...parents), { recursive: true });
            await this.clear(e.path, target2);
            await withWriteStream(target2, { flags: "wx", mode: e.mode & 511 }, (ws) => pipeline(e.body, ws));
            if (e.mtime) await lutimes(target2, e.mtime, e.mtime);
            return;
          }
          case "Directory": {
            await this.checkParents(e.path, rel);
            const st = await lstatOrUndefined(target2);
            if (st && !st.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(e.path)}: a file is in the way`);
            await mkdir(target2, { recursive: true, mode: 448 | e.mode & 511 });
            this.dirs.push({ path: target2, depth: rel.length, mode: e.mode, mtime: e.mtime });
            return;
          }
          case "SymbolicLink": {
            await this.checkParents(e.path, parents);
            checkSymlinkTarget(e.path, e.linkpath, parents.length);
            await mkdir(join2(this.dest, ...parents), { recursive: true });
            await this.clear(e.path, target2);
            await symlink(e.linkpath, target2);
            if (e.mtime) await lutimes(target2, e.mtime, e.mtime).catch(() => void 0);
            return;
          }
          case "Link": {
            await this.checkParents(e.path, parents);
            const src = underPrefix(e.linkpath, this.prefix);
            if (src.length === 0) throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(e.path)}: hard link to the root directory`);
            if (src.join("/") === rel.join("/")) return;
            await this.checkParents(e.path, src.slice(0, -1));
            const from = join2(this.dest, ...src);
            const st = await lstatOrUndefined(from);
            if (st?.isSymbolicLink()) throw escapeError(e.path, `hard link to the symbolic link ${JSON.stringify(e.linkpath)}`);
            if (!st || !st.isFile()) {
              throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(e.path)}: hard link target ${JSON.stringify(e.linkpath)} is not a file in the archive`);
            }
            await mkdir(join2(this.dest, ...parents), { recursive: true });
            await this.clear(e.path, target2);
            await link(from, target2);
            return;
          }
          default:
            return;
        }
      }
      /** Directory modes and mtimes last (children change a directory's mtime), deepest first. */
      async finish() {
        const dirs = [...this.dirs].sort((a, b) => b.depth - a.depth);
        await this.checkDest();
        for (const d of dirs) {
          const st = await lstatOrUndefined(d.path);
          if (!st?.isDirectory()) continue;
          await chmod(d.path, d.mode & 511 & ~this.umask);
          if (d.mtime) await lutimes(d.path, d.mtime, d.mtime);
        }
      }
    };
    EXTRACT_SIZE_BASE = 1024 ** 3;
    EXTRACT_SIZE_RATIO = 100;
  }
});

// src/content/file/pack.ts
import { readFileSync } from "node:fs";
import { join as join3 } from "node:path";
import { pipeline as pipeline2 } from "node:stream/promises";
async function digestFile(path, signal, sizeHint, alg = "sha256") {
  signal?.throwIfAborted();
  const d = new Digester(alg);
  let size = 0;
  const chunkBytes = sizeHint === void 0 ? REUSED_CHUNK_BYTES : Math.max(16 * 1024, Math.min(REUSED_CHUNK_BYTES, sizeHint));
  for await (const chunk of reusedFileChunks(path, 0, chunkBytes)) {
    signal?.throwIfAborted();
    d.update(chunk);
    size += chunk.byteLength;
  }
  return { digest: d.digest(), size };
}
function digestSmallFile(path) {
  const data = readFileSync(path);
  return { digest: digestOf(data), size: data.length };
}
async function packDirectory(dir, name, tempDir, signal, mtime) {
  const path = join3(tempDir, `oras_file_${randomSuffix()}`);
  const rawHash = new HashingStream();
  const gzHash = new HashingStream();
  try {
    await withWriteStream(
      path,
      { flags: "wx", mode: 384 },
      (ws) => pipeline2(tarTree(dir, { prefix: normalizeArchivePath(name), signal, ...mtime ? { mtime } : {} }), rawHash, process.getBuiltinModule("node:zlib").createGzip(), gzHash, ws, signal ? { signal } : {})
    );
  } catch (err) {
    await unlinkQuiet(path);
    throw normalizeAbort(err);
  }
  return { path, digest: gzHash.digest, size: gzHash.size, tarDigest: rawHash.digest };
}
var init_pack = __esm({
  "src/content/file/pack.ts"() {
    "use strict";
    init_errors();
    init_digest();
    init_file_chunks();
    init_fsutil();
    init_hashing();
    init_tar_writer();
    init_unpack();
  }
});

// src/oci/mediatypes.ts
function isManifestMediaType(mediaType) {
  return MANIFEST_MEDIA_TYPES.includes(mediaType);
}
function isIndexMediaType(mediaType) {
  return mediaType === MediaType.ImageIndex || mediaType === MediaType.DockerManifestList;
}
function isForeignLayer(mediaType) {
  return mediaType === MediaType.ImageLayerNonDistributable || mediaType === MediaType.ImageLayerNonDistributableGzip || mediaType === MediaType.ImageLayerNonDistributableZstd || mediaType === MediaType.DockerForeignLayer;
}
function isValidMediaType(mediaType) {
  return MEDIA_TYPE_RE.test(mediaType);
}
function mediaTypeOfContentType(header) {
  return (header ?? "").split(";")[0]?.trim() ?? "";
}
var MediaType, MANIFEST_MEDIA_TYPES, Annotation, MEDIA_TYPE_RE;
var init_mediatypes = __esm({
  "src/oci/mediatypes.ts"() {
    "use strict";
    MediaType = {
      ImageManifest: "application/vnd.oci.image.manifest.v1+json",
      ImageIndex: "application/vnd.oci.image.index.v1+json",
      ImageConfig: "application/vnd.oci.image.config.v1+json",
      ImageLayer: "application/vnd.oci.image.layer.v1.tar",
      ImageLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
      ImageLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
      ImageLayerNonDistributable: "application/vnd.oci.image.layer.nondistributable.v1.tar",
      ImageLayerNonDistributableGzip: "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
      ImageLayerNonDistributableZstd: "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
      Empty: "application/vnd.oci.empty.v1+json",
      ArtifactManifest: "application/vnd.oci.artifact.manifest.v1+json",
      DockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
      DockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
      DockerConfig: "application/vnd.docker.container.image.v1+json",
      DockerLayer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
      DockerForeignLayer: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
      UnknownConfig: "application/vnd.unknown.config.v1+json",
      UnknownArtifact: "application/vnd.unknown.artifact.v1",
      OctetStream: "application/octet-stream"
    };
    MANIFEST_MEDIA_TYPES = [
      MediaType.DockerManifest,
      MediaType.DockerManifestList,
      MediaType.ImageManifest,
      MediaType.ImageIndex,
      MediaType.ArtifactManifest
    ];
    Annotation = {
      Title: "org.opencontainers.image.title",
      Created: "org.opencontainers.image.created",
      RefName: "org.opencontainers.image.ref.name",
      ContentDigest: "io.deis.oras.content.digest",
      ContentUnpack: "io.deis.oras.content.unpack",
      ReferrersFiltersApplied: "org.opencontainers.referrers.filtersApplied"
    };
    MEDIA_TYPE_RE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
  }
});

// src/oci/descriptor.ts
function descriptorFromBytes(mediaType, data, extra) {
  return { ...extra, mediaType, digest: digestOf(data), size: data.byteLength };
}
function contentKey(d) {
  return `${d.digest}|${d.size}`;
}
function sameContent(a, b) {
  return a.mediaType === b.mediaType && a.digest === b.digest && a.size === b.size;
}
function titleOf(d) {
  return d.annotations?.["org.opencontainers.image.title"];
}
function isRecord(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function bad(message) {
  return new OrasError("INVALID_MANIFEST", message);
}
function stringMap(v, what) {
  if (v === void 0 || v === null) return void 0;
  if (!isRecord(v)) throw bad(`${what}: annotations must be an object of strings`);
  const entries = Object.entries(v);
  for (const [k, val] of entries) {
    if (typeof val !== "string") throw bad(`${what}: annotation ${JSON.stringify(k)} must be a string`);
  }
  return Object.fromEntries(entries);
}
function stringList(v, what) {
  if (v === void 0 || v === null) return void 0;
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw bad(`${what} must be an array of strings`);
  return v;
}
function optionalString(v, what) {
  if (v === void 0 || v === null) return void 0;
  if (typeof v !== "string") throw bad(`${what} must be a string`);
  return v;
}
function decodePlatform(v, what = "platform") {
  if (!isRecord(v)) throw bad(`${what} must be an object`);
  const { architecture, os } = v;
  if (typeof architecture !== "string" || typeof os !== "string") {
    throw bad(`${what}: architecture and os must be strings`);
  }
  const p = { architecture, os };
  const osVersion = optionalString(v["os.version"], `${what}: os.version`);
  if (osVersion) p["os.version"] = osVersion;
  const features = stringList(v["os.features"], `${what}: os.features`);
  if (features && features.length > 0) p["os.features"] = features;
  const variant = optionalString(v.variant, `${what}: variant`);
  if (variant) p.variant = variant;
  return p;
}
function parseDescriptor(v, what = "descriptor") {
  if (!isRecord(v)) throw bad(`${what} must be an object`);
  const { mediaType, digest, size } = v;
  if (typeof mediaType !== "string" || mediaType === "") throw bad(`${what}: missing mediaType`);
  if (typeof digest !== "string") throw bad(`${what}: missing digest`);
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    throw bad(`${what}: size must be a non-negative integer`);
  }
  let parsed;
  try {
    parsed = parseDigest(digest);
  } catch (err) {
    throw new OrasError("INVALID_MANIFEST", `${what}: ${err.message}`, { cause: err });
  }
  const d = { mediaType, digest: parsed, size };
  const urls = stringList(v.urls, `${what}: urls`);
  if (urls && urls.length > 0) d.urls = urls;
  const annotations = stringMap(v.annotations, what);
  if (annotations && Object.keys(annotations).length > 0) d.annotations = annotations;
  const data = optionalString(v.data, `${what}: data`);
  if (data !== void 0 && !BASE64_RE.test(data)) throw bad(`${what}: data must be standard base64`);
  if (data) d.data = data;
  if (v.platform !== void 0 && v.platform !== null) d.platform = decodePlatform(v.platform, `${what}: platform`);
  const artifactType = optionalString(v.artifactType, `${what}: artifactType`);
  if (artifactType) d.artifactType = artifactType;
  return d;
}
var EMPTY_JSON_DESCRIPTOR, EMPTY_JSON_BYTES, BASE64_RE;
var init_descriptor = __esm({
  "src/oci/descriptor.ts"() {
    "use strict";
    init_errors();
    init_digest();
    init_mediatypes();
    EMPTY_JSON_DESCRIPTOR = Object.freeze({
      mediaType: MediaType.Empty,
      digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
      size: 2,
      data: "e30="
    });
    EMPTY_JSON_BYTES = new TextEncoder().encode("{}");
    BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
  }
});

// src/oci/json.ts
function escapeUnsafe(c) {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
function goString(s2) {
  return JSON.stringify(s2).replace(/\\u(d[89a-f][0-9a-f]{2})|\\\\|[<>&\u2028\u2029]/g, (m, sur) => {
    if (sur !== void 0) return "\\ufffd";
    if (m === "\\\\") return m;
    return escapeUnsafe(m);
  });
}
function compareBytewise2(a, b) {
  const ba = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  return Buffer.compare(ba, bb);
}
function goStringMap(m) {
  const keys = Object.keys(m).sort(compareBytewise2);
  return `{${keys.map((k) => `${goString(k)}:${goString(m[k])}`).join(",")}}`;
}
function goValue(v) {
  if (v === null || v === void 0) return "null";
  if (typeof v === "string") return goString(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(",")}]`;
  if (typeof v === "object") {
    const o = v;
    const keys = Object.keys(o).sort(compareBytewise2);
    return `{${keys.map((k) => `${goString(k)}:${goValue(o[k])}`).join(",")}}`;
  }
  return "null";
}
function goFloat(n2) {
  if (!Number.isFinite(n2)) return "null";
  if (Object.is(n2, -0)) return "-0";
  const abs = Math.abs(n2);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return n2.toExponential();
  return String(n2);
}
function fields(parts) {
  return `{${parts.filter((p) => p[1] !== void 0).map(([k, v]) => `${goString(k)}:${v}`).join(",")}}`;
}
function nonEmptyMap(m) {
  return m && Object.keys(m).length > 0 ? goStringMap(m) : void 0;
}
function encodePlatform(p) {
  const features = p["os.features"];
  return fields([
    ["architecture", goString(p.architecture)],
    ["os", goString(p.os)],
    ["os.version", p["os.version"] ? goString(p["os.version"]) : void 0],
    ["os.features", features && features.length > 0 ? `[${features.map(goString).join(",")}]` : void 0],
    ["variant", p.variant ? goString(p.variant) : void 0]
  ]);
}
function encodeDescriptor(d) {
  return fields([
    ["mediaType", goString(d.mediaType)],
    ["digest", goString(d.digest)],
    ["size", String(d.size)],
    ["urls", d.urls && d.urls.length > 0 ? `[${d.urls.map(goString).join(",")}]` : void 0],
    ["annotations", nonEmptyMap(d.annotations)],
    ["data", d.data ? goString(d.data) : void 0],
    ["platform", d.platform ? encodePlatform(d.platform) : void 0],
    ["artifactType", d.artifactType ? goString(d.artifactType) : void 0]
  ]);
}
function encodeManifest(m) {
  return fields([
    ["schemaVersion", String(m.schemaVersion)],
    ["mediaType", m.mediaType ? goString(m.mediaType) : void 0],
    ["artifactType", m.artifactType ? goString(m.artifactType) : void 0],
    ["config", encodeDescriptor(m.config)],
    ["layers", `[${m.layers.map(encodeDescriptor).join(",")}]`],
    ["subject", m.subject ? encodeDescriptor(m.subject) : void 0],
    ["annotations", nonEmptyMap(m.annotations)]
  ]);
}
function encodeIndex(i) {
  return fields([
    ["schemaVersion", String(i.schemaVersion)],
    ["mediaType", i.mediaType ? goString(i.mediaType) : void 0],
    ["artifactType", i.artifactType ? goString(i.artifactType) : void 0],
    ["manifests", `[${i.manifests.map(encodeDescriptor).join(",")}]`],
    ["subject", i.subject ? encodeDescriptor(i.subject) : void 0],
    ["annotations", nonEmptyMap(i.annotations)]
  ]);
}
function jsonDepth(raw, stopAbove = Number.POSITIVE_INFINITY) {
  const b = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && depth > 0) {
      depth--;
    }
  }
  return max;
}
function checkJSONDepth(raw, what, code = "INVALID_ARGUMENT", max = MAX_JSON_DEPTH) {
  if (jsonDepth(raw, max) > max) throw new OrasError(code, `${what}: JSON nested deeper than ${max} levels`);
}
function parseJSON(raw, what, code = "INVALID_ARGUMENT") {
  checkJSONDepth(raw, what, code);
  try {
    return JSON.parse(typeof raw === "string" ? raw : new TextDecoder("utf-8", { fatal: false }).decode(raw));
  } catch (err) {
    throw new OrasError(code, `${what}: invalid JSON: ${err.message}`, { cause: err });
  }
}
function prettyJSON(compact) {
  checkJSONDepth(compact, "JSON");
  try {
    JSON.parse(compact);
  } catch (err) {
    throw new OrasError("INVALID_ARGUMENT", `invalid JSON: ${err.message}`, { cause: err });
  }
  return indentJSON(compact);
}
function indentJSON(compact) {
  let out = "";
  let depth = 0;
  let needIndent = false;
  const newline = () => `
${"  ".repeat(depth)}`;
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i];
    if (c === " " || c === "	" || c === "\n" || c === "\r") continue;
    if (needIndent && c !== "]" && c !== "}") {
      needIndent = false;
      depth++;
      out += newline();
    }
    if (c === '"') {
      let j = i + 1;
      while (j < compact.length && compact[j] !== '"') j += compact[j] === "\\" ? 2 : 1;
      out += compact.slice(i, j + 1);
      i = j;
    } else if (c === "{" || c === "[") {
      out += c;
      needIndent = true;
    } else if (c === "}" || c === "]") {
      if (needIndent) needIndent = false;
      else {
        depth--;
        out += newline();
      }
      out += c;
    } else if (c === ",") {
      out += `,${newline()}`;
    } else if (c === ":") {
      out += ": ";
    } else {
      out += c;
    }
  }
  return `${out}
`;
}
var MAX_JSON_DEPTH, QUOTE, BACKSLASH, OPEN_BRACKET, OPEN_BRACE, CLOSE_BRACKET, CLOSE_BRACE;
var init_json = __esm({
  "src/oci/json.ts"() {
    "use strict";
    init_errors();
    MAX_JSON_DEPTH = 1e3;
    QUOTE = 34;
    BACKSLASH = 92;
    OPEN_BRACKET = 91;
    OPEN_BRACE = 123;
    CLOSE_BRACKET = 93;
    CLOSE_BRACE = 125;
  }
});

// src/oci/manifest.ts
function isRecord2(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function optString(v, what) {
  if (v === void 0 || v === null) return void 0;
  if (typeof v !== "string") throw new OrasError("INVALID_MANIFEST", `${what} must be a string`);
  return v === "" ? void 0 : v;
}
function annotationsOf(v, what) {
  if (v === void 0 || v === null) return void 0;
  if (!isRecord2(v)) throw new OrasError("INVALID_MANIFEST", `${what}: annotations must be an object`);
  const entries = Object.entries(v);
  for (const [k, val] of entries) {
    if (typeof val !== "string") throw new OrasError("INVALID_MANIFEST", `${what}: annotation ${JSON.stringify(k)} must be a string`);
  }
  return Object.fromEntries(entries);
}
function descriptorList(v, what) {
  if (v === void 0 || v === null) return [];
  if (!Array.isArray(v)) throw new OrasError("INVALID_MANIFEST", `${what} must be an array`);
  return v.map((d, i) => parseDescriptor(d, `${what}[${i}]`));
}
function decodeJSONObject(raw, what) {
  const v = parseJSON(raw, what, "INVALID_MANIFEST");
  if (!isRecord2(v)) throw new OrasError("INVALID_MANIFEST", `${what}: not a JSON object`);
  return v;
}
function parseManifest(raw, mediaType) {
  checkManifestSize(raw);
  if (!SUPPORTED.has(mediaType)) {
    throw new OrasError("INVALID_MEDIA_TYPE", `unsupported manifest media type ${JSON.stringify(mediaType)}`);
  }
  return manifestOf(decodeJSONObject(raw, mediaType), mediaType);
}
function parseDeclaredManifest(raw, accept) {
  checkManifestSize(raw);
  const v = decodeJSONObject(raw, "manifest");
  const declared = optString(v.mediaType, "manifest: mediaType");
  if (declared === void 0 || !accept(declared)) return void 0;
  if (!SUPPORTED.has(declared)) throw new OrasError("INVALID_MEDIA_TYPE", `unsupported manifest media type ${JSON.stringify(declared)}`);
  return manifestOf(v, declared);
}
function checkManifestSize(raw) {
  if (raw.byteLength > MAX_MANIFEST_BYTES) {
    throw new OrasError("SIZE_EXCEEDS_LIMIT", `manifest size ${raw.byteLength} exceeds the limit of ${MAX_MANIFEST_BYTES} bytes`);
  }
}
function manifestOf(v, mediaType) {
  const what = mediaType;
  const declared = optString(v.mediaType, `${what}: mediaType`);
  if (declared !== void 0 && declared !== mediaType) {
    throw new OrasError("INVALID_MANIFEST", `${what}: mediaType in the manifest is ${JSON.stringify(declared)}, expected ${JSON.stringify(mediaType)}`);
  }
  switch (mediaType) {
    case MediaType.ImageManifest:
    case MediaType.DockerManifest: {
      if (v.schemaVersion !== 2) throw new OrasError("INVALID_MANIFEST", `${what}: schemaVersion must be 2`);
      if (v.config === void 0) throw new OrasError("INVALID_MANIFEST", `${what}: missing config`);
      const m = {
        schemaVersion: 2,
        config: parseDescriptor(v.config, `${what}: config`),
        layers: descriptorList(v.layers, `${what}: layers`)
      };
      if (declared) m.mediaType = declared;
      const artifactType = optString(v.artifactType, `${what}: artifactType`);
      if (artifactType) m.artifactType = artifactType;
      if (v.subject !== void 0 && v.subject !== null) m.subject = parseDescriptor(v.subject, `${what}: subject`);
      const annotations = annotationsOf(v.annotations, what);
      if (annotations) m.annotations = annotations;
      return { kind: "manifest", mediaType, manifest: m };
    }
    case MediaType.ImageIndex:
    case MediaType.DockerManifestList: {
      if (v.schemaVersion !== 2) throw new OrasError("INVALID_MANIFEST", `${what}: schemaVersion must be 2`);
      const i = {
        schemaVersion: 2,
        manifests: descriptorList(v.manifests, `${what}: manifests`)
      };
      if (declared) i.mediaType = declared;
      const artifactType = optString(v.artifactType, `${what}: artifactType`);
      if (artifactType) i.artifactType = artifactType;
      if (v.subject !== void 0 && v.subject !== null) i.subject = parseDescriptor(v.subject, `${what}: subject`);
      const annotations = annotationsOf(v.annotations, what);
      if (annotations) i.annotations = annotations;
      return { kind: "index", mediaType, index: i };
    }
    case MediaType.ArtifactManifest: {
      const a = {
        mediaType,
        blobs: descriptorList(v.blobs, `${what}: blobs`)
      };
      const artifactType = optString(v.artifactType, `${what}: artifactType`);
      if (artifactType) a.artifactType = artifactType;
      if (v.subject !== void 0 && v.subject !== null) a.subject = parseDescriptor(v.subject, `${what}: subject`);
      const annotations = annotationsOf(v.annotations, what);
      if (annotations) a.annotations = annotations;
      return { kind: "artifact", mediaType, artifact: a };
    }
    default:
      throw new OrasError("INVALID_MEDIA_TYPE", `unsupported manifest media type ${JSON.stringify(mediaType)}`);
  }
}
function successorsOf(p) {
  switch (p.kind) {
    case "manifest": {
      const out = [];
      if (p.manifest.subject && p.mediaType === MediaType.ImageManifest) out.push(p.manifest.subject);
      out.push(p.manifest.config, ...p.manifest.layers);
      return out;
    }
    case "index": {
      const out = [];
      if (p.index.subject && p.mediaType === MediaType.ImageIndex) out.push(p.index.subject);
      out.push(...p.index.manifests);
      return out;
    }
    case "artifact":
      return [...p.artifact.subject ? [p.artifact.subject] : [], ...p.artifact.blobs];
  }
}
function subjectOf(p) {
  switch (p.kind) {
    case "manifest":
      return p.manifest.subject;
    case "index":
      return p.index.subject;
    case "artifact":
      return p.artifact.subject;
  }
}
function artifactTypeOf(p) {
  switch (p.kind) {
    case "manifest":
      return p.manifest.artifactType ?? p.manifest.config.mediaType;
    case "index":
      return p.index.artifactType;
    case "artifact":
      return p.artifact.artifactType;
  }
}
function annotationsOfManifest(p) {
  switch (p.kind) {
    case "manifest":
      return p.manifest.annotations;
    case "index":
      return p.index.annotations;
    case "artifact":
      return p.artifact.annotations;
  }
}
function referrerInfoOf(p) {
  return { artifactType: artifactTypeOf(p), annotations: annotationsOfManifest(p) };
}
function referrerDescriptorOf(desc, from) {
  const { annotations: _a, artifactType: _t, ...rest } = desc;
  const { annotations, artifactType } = "kind" in from ? referrerInfoOf(from) : from;
  return {
    ...rest,
    ...annotations && Object.keys(annotations).length > 0 ? { annotations } : {},
    ...artifactType ? { artifactType } : {}
  };
}
function declaredMediaType(raw) {
  checkManifestSize(raw);
  return optString(decodeJSONObject(raw, "manifest").mediaType, "manifest: mediaType");
}
var MAX_MANIFEST_BYTES, SUPPORTED;
var init_manifest = __esm({
  "src/oci/manifest.ts"() {
    "use strict";
    init_errors();
    init_descriptor();
    init_mediatypes();
    init_json();
    MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    SUPPORTED = /* @__PURE__ */ new Set([
      MediaType.ImageManifest,
      MediaType.DockerManifest,
      MediaType.ImageIndex,
      MediaType.DockerManifestList,
      MediaType.ArtifactManifest
    ]);
  }
});

// src/content/verify.ts
import { Readable } from "node:stream";
function verifier(desc) {
  return new VerifyingStream(desc);
}
async function readAllVerified(body, desc, limit = MAX_MANIFEST_BYTES) {
  if (desc.size > limit) {
    throw new OrasError("SIZE_EXCEEDS_LIMIT", `content size ${desc.size} exceeds the limit of ${limit} bytes`);
  }
  const held = takeBuffered(body);
  if (held !== void 0) return held.verified?.digest === desc.digest && held.verified.size === desc.size ? held.bytes : verifyBytes(held.bytes, desc);
  const digester = new Digester(algorithmOf(parseDigest(desc.digest)));
  const chunks = [];
  let n2 = 0;
  for await (const chunk of body) {
    n2 += chunk.byteLength;
    if (n2 > desc.size) {
      destroyIterable(body);
      throw trailingData(desc);
    }
    digester.update(chunk);
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return checkDigest(Buffer.concat(chunks, n2), desc, digester);
}
function verifyBytes(bytes, desc) {
  if (bytes.length > desc.size) throw trailingData(desc);
  const digester = new Digester(algorithmOf(parseDigest(desc.digest)));
  if (bytes.length === desc.size) digester.update(bytes);
  return checkDigest(bytes, desc, digester);
}
function trailingData(desc) {
  return new OrasError("TRAILING_DATA", `${desc.digest}: trailing data: more than the expected ${desc.size} bytes`);
}
function checkDigest(bytes, desc, digester) {
  if (bytes.length !== desc.size) throw new OrasError("UNEXPECTED_EOF", `${desc.digest}: unexpected EOF: got ${bytes.length} of ${desc.size} bytes`);
  const got = digester.digest();
  if (got !== desc.digest) throw new OrasError("DIGEST_MISMATCH", `mismatched digest: expected ${desc.digest}, got ${got}`);
  return bytes;
}
async function readAllLimited(body, limit, what = "content") {
  const held = takeBuffered(body);
  if (held !== void 0 && held.bytes.length > limit) throw sizeExceeds(what, limit);
  if (held !== void 0) return held.bytes;
  const chunks = [];
  let n2 = 0;
  for await (const chunk of body) {
    n2 += chunk.byteLength;
    if (n2 > limit) {
      destroyIterable(body);
      throw sizeExceeds(what, limit);
    }
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, n2);
}
function sizeExceeds(what, limit) {
  return new OrasError("SIZE_EXCEEDS_LIMIT", `${what} size exceeds the limit of ${limit} bytes`);
}
function bufferedBody(bytes, verified) {
  if (verified !== void 0) verifyBytes(bytes, verified);
  const body = Readable.from([bytes]);
  buffered.set(body, { bytes, verified });
  return body;
}
function takeBuffered(body) {
  const held = buffered.get(body);
  if (held === void 0) return void 0;
  buffered.delete(body);
  const r = body;
  if (r.readableDidRead || r.destroyed) return void 0;
  r.destroy();
  return held;
}
function destroyIterable(body) {
  if (body instanceof Readable) body.destroy();
}
async function fetchBytes(store, desc, opts) {
  if (desc.data !== void 0) {
    const data = Buffer.from(desc.data, "base64");
    return readAllVerified([data], desc, opts?.limit);
  }
  const body = await store.fetch(desc, opts);
  return readAllVerified(body, desc, opts?.limit);
}
var VerifyingStream, buffered;
var init_verify = __esm({
  "src/content/verify.ts"() {
    "use strict";
    init_errors();
    init_digest();
    init_manifest();
    init_hashing();
    VerifyingStream = class extends HashingStream {
      desc;
      checkDigest;
      /**
       * `start`/`digester`: continue after a prefix already hashed into `digester` (resumed
       * downloads); `checkDigest: false` leaves the digest comparison to the caller.
       */
      constructor(desc, opts = {}) {
        super(algorithmOf(parseDigest(desc.digest)), opts);
        this.desc = desc;
        this.checkDigest = opts.checkDigest ?? true;
      }
      get bytesSeen() {
        return this.size;
      }
      _transform(chunk, enc, done) {
        if (this.size + chunk.length > this.desc.size) {
          done(new OrasError("TRAILING_DATA", `${this.desc.digest}: trailing data: more than the expected ${this.desc.size} bytes`));
          return;
        }
        super._transform(chunk, enc, done);
      }
      _flush(done) {
        if (this.size !== this.desc.size) {
          done(new OrasError("UNEXPECTED_EOF", `${this.desc.digest}: unexpected EOF: got ${this.size} of ${this.desc.size} bytes`));
          return;
        }
        if (!this.checkDigest) {
          done();
          return;
        }
        const got = this.digest;
        if (got !== this.desc.digest) {
          done(new OrasError("DIGEST_MISMATCH", `mismatched digest: expected ${this.desc.digest}, got ${got}`));
          return;
        }
        done();
      }
    };
    buffered = /* @__PURE__ */ new WeakMap();
  }
});

// src/content/storage.ts
var hasMethod, canTag, canDelete, canFindPredecessors, canListTags, canFetchReference, canPushReference, canMount, canFetchFrom, canPushFrom, canStage;
var init_storage = __esm({
  "src/content/storage.ts"() {
    "use strict";
    hasMethod = (t, name) => typeof t[name] === "function";
    canTag = (t) => hasMethod(t, "tag");
    canDelete = (t) => hasMethod(t, "delete");
    canFindPredecessors = (t) => hasMethod(t, "predecessors");
    canListTags = (t) => hasMethod(t, "tags");
    canFetchReference = (t) => hasMethod(t, "fetchReference");
    canPushReference = (t) => hasMethod(t, "pushReference");
    canMount = (t) => hasMethod(t, "mount");
    canFetchFrom = (t) => hasMethod(t, "fetchFrom");
    canPushFrom = (t) => hasMethod(t, "pushFrom");
    canStage = (t) => typeof t.stageBlob === "function" && t.stagingEnabled === true;
  }
});

// src/content/ingest.ts
import { constants as fsConstants2 } from "node:fs";
import { copyFile, link as link2, lstat as lstat3, mkdir as mkdir2, open as open4, rename as rename2, rmdir, stat as stat2, unlink as unlink3 } from "node:fs/promises";
import { hostname } from "node:os";
import { join as join4 } from "node:path";
import { Writable } from "node:stream";
import { pipeline as pipeline3 } from "node:stream/promises";
import { setTimeout as delay } from "node:timers/promises";
function countBytes(body, report, start = 0) {
  let n2 = start;
  return tapChunks(body, (chunk) => {
    n2 += chunk.byteLength;
    report(n2);
  });
}
function partialPathOf(ingestDir, desc) {
  const d = parseDigest(desc.digest);
  return join4(ingestDir, `${algorithmOf(d)}-${encodedOf(d)}.partial`);
}
async function hashPrefix(fh, length, digester, signal) {
  const buf = Buffer.allocUnsafe(Math.min(length, 1024 * 1024));
  for (let pos = 0; pos < length; ) {
    signal?.throwIfAborted();
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, length - pos), pos);
    if (bytesRead === 0) throw new OrasError("UNEXPECTED_EOF", "partial download shrank while it was read");
    digester.update(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
}
function notOurs(path, what) {
  return new OrasError("INVALID_ARGUMENT", `${path}: ${what}; refusing to use it for a partial download (remove it to continue)`);
}
async function ensureIngestDir(dir) {
  try {
    await mkdir2(dir, { mode: 448 });
  } catch (err) {
    if (err.code !== "EEXIST") throw err;
  }
  const st = await lstat3(dir);
  if (st.isSymbolicLink() || !st.isDirectory()) throw notOurs(dir, "not a directory");
  const uid = myUid();
  if (uid !== void 0 && st.uid !== uid) throw notOurs(dir, "owned by another user");
}
async function openPartial(path) {
  let fh;
  try {
    fh = await open4(path, fsConstants2.O_RDWR | fsConstants2.O_CREAT | O_NOFOLLOW, 384);
  } catch (err) {
    const code = err.code;
    if (code === "ELOOP" || code === "EMLINK") throw notOurs(path, "a symbolic link");
    if (code === "EISDIR") throw notOurs(path, "a directory");
    throw err;
  }
  try {
    const st = await fh.stat();
    const uid = myUid();
    if (!st.isFile()) throw notOurs(path, "not a regular file");
    if (uid !== void 0 && st.uid !== uid) throw notOurs(path, "owned by another user");
    if (st.nlink !== 1) throw notOurs(path, "a file with other hard links");
  } catch (err) {
    await fh.close();
    throw err;
  }
  return fh;
}
async function ingestResumable(partial, desc, open10, opts = {}) {
  const digest = parseDigest(desc.digest);
  const signal = opts.signal;
  for (let attempt = 0; ; attempt++) {
    const fh = await openPartial(partial);
    let ws;
    let start = 0;
    try {
      let have = (await fh.stat()).size;
      if (have > desc.size) {
        await fh.truncate(0);
        have = 0;
      }
      const digester = new Digester(algorithmOf(digest));
      await hashPrefix(fh, have, digester, signal);
      start = have;
      if (have < desc.size || desc.size === 0) {
        const r = await open10(have);
        if (r.offset > have) {
          r.body.destroy();
          throw new OrasError("REGISTRY_ERROR", `${digest}: source resumed at byte ${r.offset}, expected ${have}`);
        }
        let body = r.body;
        const skip = have - r.offset;
        if (skip > 0) {
          body = skipBytes(r.body, skip);
        }
        await truncateTo(fh, have);
        ws = new HandleWriter(fh, have);
        await pipeline3(body, new VerifyingStream(desc, { digester, start: have, checkDigest: false }), ws, signal ? { signal } : {});
      }
      const got = digester.digest();
      if (got !== digest) {
        await unlinkQuiet2(partial);
        if (start > 0 && attempt === 0) continue;
        throw new OrasError("DIGEST_MISMATCH", `mismatched digest: expected ${digest}, got ${got}`);
      }
      return { resumedFrom: start };
    } catch (err) {
      await ws?.idle();
      const e = normalizeAbort(err);
      if (OrasError.is(e) && (e.code === "DIGEST_MISMATCH" || e.code === "TRAILING_DATA" || e.code === "SIZE_MISMATCH")) {
        await unlinkQuiet2(partial);
      }
      throw e;
    } finally {
      await fh.close().catch(() => void 0);
    }
  }
}
async function truncateTo(fh, size) {
  if ((await fh.stat()).size !== size) await fh.truncate(size);
}
async function* skipBytes(body, n2) {
  let skip = n2;
  for await (const chunk of body) {
    if (skip >= chunk.byteLength) {
      skip -= chunk.byteLength;
      continue;
    }
    yield skip > 0 ? chunk.subarray(skip) : chunk;
    skip = 0;
  }
}
async function unlinkQuiet2(path) {
  try {
    await unlink3(path);
  } catch {
  }
}
async function removeIngestDirIfEmpty(dir) {
  try {
    await rmdir(dir);
  } catch {
  }
}
function ownerAlive(owner, staleMs) {
  if (owner.host === hostname() && owner.pid === process.pid && owner.time < Date.now() - process.uptime() * 1e3 - 1e3) {
    return false;
  }
  if (owner.host === hostname() && Number.isSafeInteger(owner.pid) && owner.pid > 0) {
    try {
      process.kill(owner.pid, 0);
      return true;
    } catch (err) {
      return err.code === "EPERM";
    }
  }
  return Date.now() - owner.time < staleMs;
}
async function readOwner(path) {
  try {
    const fh = await open4(path, "r");
    try {
      const buf = Buffer.alloc(512);
      const { bytesRead } = await fh.read(buf, 0, 512, 0);
      const v = JSON.parse(buf.subarray(0, bytesRead).toString("utf8"));
      if (typeof v.pid === "number" && typeof v.host === "string" && typeof v.time === "number") return { pid: v.pid, host: v.host, time: v.time };
      return { pid: 0, host: "", time: 0 };
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (err.code === "ENOENT") return void 0;
    try {
      const st = await stat2(path);
      return { pid: 0, host: "", time: st.mtimeMs };
    } catch {
      return void 0;
    }
  }
}
async function acquireFileLock(path, opts = {}) {
  const timeout = opts.timeoutMs ?? 6e4;
  const staleMs = opts.staleMs ?? 5 * 6e4;
  const began = Date.now();
  const me = { pid: process.pid, host: hostname(), time: Date.now() };
  for (let i = 0; ; i++) {
    opts.signal?.throwIfAborted();
    try {
      const fh = await open4(path, "wx", 420);
      try {
        await fh.writeFile(JSON.stringify({ ...me, time: Date.now() }));
      } finally {
        await fh.close();
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await unlinkQuiet2(path);
      };
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    const owner = await readOwner(path);
    if (owner !== void 0 && !ownerAlive(owner, staleMs)) {
      const aside = `${path}.stale-${process.pid}-${i}`;
      try {
        await rename2(path, aside);
        const moved = await readOwner(aside);
        if (moved && (moved.pid !== owner.pid || moved.host !== owner.host || moved.time !== owner.time)) {
          await link2(aside, path).catch(() => void 0);
        }
        await unlinkQuiet2(aside);
      } catch {
      }
      continue;
    }
    if (Date.now() - began > timeout) {
      throw new OrasError("ABORTED", `timed out after ${timeout} ms waiting for the lock ${path} (held by pid ${owner?.pid ?? "?"})`);
    }
    try {
      await delay(Math.min(5 + i * 5, 100) * (0.5 + Math.random()), void 0, opts.signal ? { signal: opts.signal } : {});
    } catch (err) {
      throw new OrasError("ABORTED", "operation aborted", { cause: err });
    }
  }
}
async function createFileExclusive(dir, name, content) {
  const tmp = join4(dir, `.${name}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  const fh = await open4(tmp, "wx", 420);
  try {
    await fh.writeFile(content);
  } finally {
    await fh.close();
  }
  try {
    await link2(tmp, join4(dir, name));
    return true;
  } catch (err) {
    if (err.code === "EEXIST") return false;
    throw err;
  } finally {
    await unlinkQuiet2(tmp);
  }
}
var INGEST_DIR_NAME, HandleWriter, myUid;
var init_ingest = __esm({
  "src/content/ingest.ts"() {
    "use strict";
    init_errors();
    init_digest();
    init_file_chunks();
    init_fsutil();
    init_verify();
    init_storage();
    INGEST_DIR_NAME = ".oras-ts-ingest";
    HandleWriter = class extends Writable {
      constructor(fh, position) {
        super({ highWaterMark: 1024 * 1024 });
        this.fh = fh;
        this.position = position;
      }
      fh;
      position;
      inFlight = Promise.resolve();
      async writeAll(bufs) {
        const total = bufs.reduce((n2, b) => n2 + b.length, 0);
        let done = (await this.fh.writev(bufs, this.position)).bytesWritten;
        const all = done < total ? Buffer.concat(bufs) : void 0;
        while (all && done < total) {
          const { bytesWritten } = await this.fh.write(all, done, total - done, this.position + done);
          if (bytesWritten === 0) throw new OrasError("ABORTED", "a write to a partial download made no progress");
          done += bytesWritten;
        }
        this.position += total;
      }
      _writev(chunks, cb) {
        const p = this.writeAll(chunks.map((c) => c.chunk));
        this.inFlight = p.catch(() => void 0);
        p.then(() => cb(), cb);
      }
      _write(chunk, _enc, cb) {
        this._writev([{ chunk }], cb);
      }
      /** Resolves once no write is in flight (before the handle is closed or the file measured again). */
      idle() {
        return this.inFlight;
      }
    };
    myUid = () => typeof process.getuid === "function" ? process.getuid() : void 0;
  }
});

// src/content/file/paths.ts
import { realpathSync } from "node:fs";
import { basename as basename2, dirname as dirname2, isAbsolute, join as join5, relative, resolve, sep } from "node:path";
function escapes(rel) {
  return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}
function realpathLenient(p) {
  const rest = [];
  let cur = p;
  for (let i = 0; i < 4096; i++) {
    try {
      return join5(realpathSync.native(cur), ...rest);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      const parent = dirname2(cur);
      if (parent === cur) return p;
      rest.unshift(basename2(cur));
      cur = parent;
    }
  }
  return p;
}
function traversal(name) {
  return new OrasError("PATH_TRAVERSAL", `${name}: path traversal disallowed`);
}
function inIngestDir(rel) {
  const first = rel.split(sep, 1)[0] ?? "";
  return first.toLowerCase() === INGEST_DIR_NAME;
}
function reserved(name) {
  return new OrasError("INVALID_ARGUMENT", `${JSON.stringify(name)}: ${INGEST_DIR_NAME} is reserved for partial downloads and cannot be written to`);
}
function checkWritePath(workingDir, target2, name) {
  const base2 = resolve(workingDir);
  const parent = dirname2(target2);
  const realBase = realpathLenient(base2);
  const realParent = parent === base2 ? realBase : realpathLenient(parent);
  const rel = relative(realBase, join5(realParent, basename2(target2)));
  if (rel === "" || escapes(rel)) throw traversal(name);
  if (inIngestDir(rel)) throw reserved(name);
}
function resolveWritePath(workingDir, name, allowPathTraversal) {
  const target2 = isAbsolute(name) ? resolve(name) : resolve(workingDir, name);
  const base2 = resolve(workingDir);
  if (target2 === base2 || target2 === dirname2(target2)) {
    throw new OrasError("INVALID_ARGUMENT", `${JSON.stringify(name)}: invalid file name`);
  }
  const rel = relative(base2, target2);
  if (!escapes(rel) && inIngestDir(rel)) throw reserved(name);
  if (allowPathTraversal) return target2;
  if (escapes(rel)) throw traversal(name);
  checkWritePath(base2, target2, name);
  return target2;
}
var init_paths = __esm({
  "src/content/file/paths.ts"() {
    "use strict";
    init_errors();
    init_fsutil();
    init_ingest();
  }
});

// src/content/internal/mutex.ts
var KeyedMutex, Mutex;
var init_mutex = __esm({
  "src/content/internal/mutex.ts"() {
    "use strict";
    KeyedMutex = class {
      tails = /* @__PURE__ */ new Map();
      async run(key, fn) {
        const prev = this.tails.get(key) ?? Promise.resolve();
        let release;
        const mine = new Promise((r) => {
          release = r;
        });
        const tail = prev.then(() => mine);
        this.tails.set(key, tail);
        await prev;
        try {
          return await fn();
        } finally {
          release();
          if (this.tails.get(key) === tail) this.tails.delete(key);
        }
      }
      /** True when some caller holds or waits for `key`. */
      busy(key) {
        return this.tails.has(key);
      }
    };
    Mutex = class {
      keyed = new KeyedMutex();
      run(fn) {
        return this.keyed.run("", fn);
      }
    };
  }
});

// src/content/file/store.ts
import { closeSync as closeSync2, createReadStream as createReadStream2, constants as fsConstants3, openSync as openSync2, readSync, statSync } from "node:fs";
import { lstat as lstat4, mkdir as mkdir3, open as open5, rename as rename3, stat as stat3 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename as basename3, dirname as dirname3, join as join6, resolve as resolve2, sep as sep2 } from "node:path";
import { Readable as Readable2 } from "node:stream";
import { pipeline as pipeline4 } from "node:stream/promises";
function readChunkFor(size) {
  return Math.max(16 * 1024, Math.min(READ_CHUNK, size));
}
async function identityOf(f2) {
  const st = typeof f2 === "string" ? await lstatOrUndefined(f2) : await f2.stat();
  if (!st || st.isSymbolicLink()) throw new OrasError("ABORTED", `${String(f2)}: a temporary file of this pull was moved or replaced`);
  return `${st.dev}:${st.ino}`;
}
async function checkIdentity(path, id) {
  if (await identityOf(path) !== id) throw new OrasError("ABORTED", `${path}: a temporary file of this pull was moved or replaced`);
}
function isInside(dir, path) {
  return path.startsWith(dir.endsWith(sep2) ? dir : `${dir}${sep2}`);
}
async function* emptyIterable() {
}
function readSmallFileSync(path, size) {
  const fd = openSync2(path, "r");
  try {
    const buf = Buffer.allocUnsafe(size + 1);
    let n2 = 0;
    while (n2 < buf.length) {
      const r = readSync(fd, buf, n2, buf.length - n2, n2);
      if (r === 0) break;
      n2 += r;
    }
    return buf.subarray(0, n2);
  } finally {
    closeSync2(fd);
  }
}
var SMALL_FILE_BYTES, FILE_STORE_MEMORY_BYTES, READ_CHUNK, FileStore;
var init_store = __esm({
  "src/content/file/store.ts"() {
    "use strict";
    init_errors();
    init_descriptor();
    init_digest();
    init_manifest();
    init_mediatypes();
    init_fsutil();
    init_ingest();
    init_mutex();
    init_verify();
    init_pack();
    init_paths();
    init_unpack();
    SMALL_FILE_BYTES = 1024 * 1024;
    FILE_STORE_MEMORY_BYTES = 128 * 1024 * 1024;
    READ_CHUNK = 1024 * 1024;
    FileStore = class {
      workingDir;
      allowPathTraversal;
      keepOldFiles;
      tempDir;
      fallbackLimit;
      memoryLimit;
      memoryBytes = 0;
      onRestored;
      sourceDateEpoch;
      maxExtractSize;
      syncSmallFiles;
      /** Names added or written ("done") or being written ("pending"). */
      names = /* @__PURE__ */ new Map();
      /** Where the bytes of a digest are: an added file, a written file, or a directory's archive. */
      digestToPath = /* @__PURE__ */ new Map();
      descriptors = /* @__PURE__ */ new Map();
      memory = /* @__PURE__ */ new Map();
      refs = /* @__PURE__ */ new Map();
      temps = /* @__PURE__ */ new Set();
      writtenFiles = [];
      closed = false;
      /** Serializes the steps that change the tree under the working directory (see `guarded`). */
      treeLock = new Mutex();
      /** `new FileStore(workingDir, opts?)` or `new FileStore(opts)`. */
      constructor(workingDirOrOptions = {}, options = {}) {
        const opts = typeof workingDirOrOptions === "string" ? { ...options, workingDir: workingDirOrOptions } : workingDirOrOptions;
        this.workingDir = resolve2(opts.workingDir ?? ".");
        this.allowPathTraversal = opts.allowPathTraversal ?? false;
        this.keepOldFiles = opts.keepOldFiles ?? false;
        this.tempDir = opts.tempDir ?? tmpdir();
        this.fallbackLimit = opts.fallbackLimit ?? MAX_MANIFEST_BYTES;
        this.memoryLimit = opts.memoryLimit ?? FILE_STORE_MEMORY_BYTES;
        this.onRestored = opts.onRestored;
        this.sourceDateEpoch = opts.sourceDateEpoch;
        this.maxExtractSize = opts.maxExtractSize;
        this.syncSmallFiles = opts.syncSmallFiles ?? false;
      }
      /**
       * Runs `act` — a few file-system calls that create or rename something under `target`'s
       * directory — after checking again, against the tree as it is now, that `target` is inside
       * the working directory. Such steps run one at a time, so no other layer of this store
       * (a directory swapped into place, a file renamed) changes the tree between the check and
       * the act. Writing a body happens outside, through a descriptor opened here.
       */
      guarded(target2, name, act) {
        return this.exclusive(() => {
          this.recheck(target2, name);
          return act();
        });
      }
      /** Runs `act` when no other tree-changing step of this store runs. */
      exclusive(act) {
        return this.treeLock.run(async () => act());
      }
      recheck(target2, name) {
        if (!this.allowPathTraversal) checkWritePath(this.workingDir, target2, name);
      }
      checkOpen() {
        if (this.closed) throw new OrasError("UNSUPPORTED", "file store is closed");
      }
      /**
       * Adds a file or directory as content named `name` (the title). `path` defaults to the
       * name and resolves against the working directory. A file is streamed once for its
       * digest; a directory is archived to a temp tar+gzip. The media type defaults to
       * `application/vnd.oci.image.layer.v1.tar` (file) or `...tar+gzip` (directory).
       */
      async add(name, mediaType = "", path = "", opts) {
        this.checkOpen();
        if (name === "") throw new OrasError("INVALID_ARGUMENT", "missing name");
        if (this.names.has(name)) throw new OrasError("DUPLICATE_NAME", `${name}: duplicate name`);
        this.names.set(name, "pending");
        try {
          const abs = resolve2(this.workingDir, path === "" ? name : path);
          let st;
          try {
            st = this.syncSmallFiles ? statSync(abs) : await stat3(abs);
          } catch (err) {
            if (isNotFound(err)) throw new OrasError("NOT_FOUND", `${abs}: no such file or directory`, { cause: err });
            throw err;
          }
          let desc;
          if (st.isDirectory()) {
            const packed = await packDirectory(abs, name, this.tempDir, opts?.signal, this.sourceDateEpoch);
            this.temps.add(packed.path);
            desc = {
              mediaType: mediaType || MediaType.ImageLayerGzip,
              digest: packed.digest,
              size: packed.size,
              annotations: { [Annotation.ContentDigest]: packed.tarDigest, [Annotation.ContentUnpack]: "true", [Annotation.Title]: name }
            };
            this.digestToPath.set(desc.digest, packed.path);
          } else {
            const { digest, size } = await opts?.digestWith?.(abs, st.size) ?? (this.syncSmallFiles && st.size < SMALL_FILE_BYTES ? digestSmallFile(abs) : await digestFile(abs, opts?.signal, st.size));
            desc = { mediaType: mediaType || MediaType.ImageLayer, digest, size, annotations: { [Annotation.Title]: name } };
            this.digestToPath.set(digest, abs);
          }
          this.descriptors.set(desc.digest, desc);
          this.names.set(name, "done");
          return desc;
        } catch (err) {
          this.names.delete(name);
          throw normalizeAbort(err);
        }
      }
      async exists(desc, opts) {
        this.checkOpen();
        throwIfAborted(opts?.signal);
        const name = titleOf(desc);
        if (name !== void 0 && name !== "" && this.names.get(name) !== "done") return false;
        return this.digestToPath.has(desc.digest) || this.memory.has(desc.digest);
      }
      async fetch(desc, opts) {
        this.checkOpen();
        throwIfAborted(opts?.signal);
        const name = titleOf(desc);
        if (name !== void 0 && name !== "" && this.names.get(name) !== "done") {
          throw new OrasError("NOT_FOUND", `${name}: ${desc.mediaType}: not found`);
        }
        const path = this.digestToPath.get(desc.digest);
        if (path !== void 0) {
          try {
            if (this.syncSmallFiles && desc.size < SMALL_FILE_BYTES) return Readable2.from([readSmallFileSync(path, desc.size)], { objectMode: false });
            const fh = await open5(path, "r");
            return fh.createReadStream({ autoClose: true, highWaterMark: readChunkFor(desc.size) });
          } catch (err) {
            if (isNotFound(err)) throw new OrasError("NOT_FOUND", `${path}: ${desc.digest}: not found`, { cause: err });
            throw err;
          }
        }
        const item = this.memory.get(desc.digest);
        if (item) return Readable2.from([item.data], { objectMode: false });
        throw new OrasError("NOT_FOUND", `${desc.digest}: ${desc.mediaType}: not found`);
      }
      /**
       * Named content is written to `<workingDir>/<title>` (directories with the unpack
       * annotation are extracted); unnamed content is kept in memory. After a manifest is
       * stored, its named successors not written yet are restored from identical content.
       */
      async push(desc, body, opts) {
        try {
          this.checkOpen();
          throwIfAborted(opts?.signal);
        } catch (err) {
          discardBody(body);
          throw err;
        }
        const name = titleOf(desc);
        if (name === void 0 || name === "") await this.pushMemory(desc, body);
        else await this.pushNamed(desc, body, name, false, opts?.signal);
        if (isManifestMediaType(desc.mediaType)) await this.restoreDuplicates(desc, opts?.signal);
      }
      /**
       * Like `push`, for a source that can start at an offset (see content/ingest.ts): a named
       * layer inside the working directory is downloaded into
       * `<workingDir>/.oras-ts-ingest/<alg>-<hex>.partial`, continuing an earlier partial
       * download, verified, then renamed into place.
       */
      async pushFrom(desc, open10, opts) {
        const name = titleOf(desc);
        if (name === void 0 || name === "" || isManifestMediaType(desc.mediaType)) {
          const { body } = await open10(0);
          await this.push(desc, body, opts);
          return;
        }
        this.checkOpen();
        throwIfAborted(opts?.signal);
        await this.pushNamed(desc, { openAt: open10 }, name, false, opts?.signal);
      }
      async pushMemory(desc, body) {
        if (this.memory.has(desc.digest)) {
          discardBody(body);
          return;
        }
        if (this.memoryBytes + desc.size > this.memoryLimit) {
          discardBody(body);
          throw new OrasError("SIZE_EXCEEDS_LIMIT", `${desc.digest}: unnamed content kept in memory would exceed ${this.memoryLimit} bytes in all (file store memory limit)`);
        }
        let data;
        try {
          data = await readAllVerified(body, desc, this.fallbackLimit);
        } catch (err) {
          discardBody(body);
          if (hasCode(err, "SIZE_EXCEEDS_LIMIT")) {
            throw new OrasError("SIZE_EXCEEDS_LIMIT", `${desc.digest}: content size ${desc.size} exceeds push size limit ${this.fallbackLimit}`, {
              cause: err
            });
          }
          throw err;
        }
        if (this.memory.has(desc.digest)) return;
        this.memory.set(desc.digest, { desc, data });
        this.memoryBytes += data.length;
        if (!this.descriptors.has(desc.digest)) this.descriptors.set(desc.digest, desc);
      }
      async pushNamed(desc, source, name, restored, signal) {
        let body = "openAt" in source ? emptyIterable() : source;
        if (this.names.has(name)) {
          discardBody(body);
          throw new OrasError("DUPLICATE_NAME", `${name}: duplicate name`);
        }
        this.names.set(name, "pending");
        try {
          const target2 = resolveWritePath(this.workingDir, name, this.allowPathTraversal);
          if (this.keepOldFiles && await lstatOrUndefined(target2) !== void 0) {
            throw new OrasError("OVERWRITE_DISALLOWED", `${target2}: overwrite disallowed`);
          }
          const directory = desc.annotations?.[Annotation.ContentUnpack] === "true";
          const resumable = "openAt" in source && !directory && desc.size >= SMALL_FILE_BYTES && isInside(this.workingDir, target2);
          if ("openAt" in source && !resumable) body = (await source.openAt(0)).body;
          if (resumable) {
            await this.downloadResumable(desc, source.openAt, target2, name, signal);
            this.digestToPath.set(desc.digest, target2);
          } else if (directory) await this.pushDirectory(target2, name, desc, body, signal);
          else if (this.syncSmallFiles && desc.size < SMALL_FILE_BYTES) await this.pushSmallFile(target2, name, desc, body, signal);
          else await this.pushFile(target2, name, desc, body, signal);
          this.names.set(name, "done");
          if (!this.descriptors.has(desc.digest)) this.descriptors.set(desc.digest, desc);
          const file = { name, path: directory ? `${target2}${sep2}` : target2, descriptor: desc, directory, restored };
          this.writtenFiles.push(file);
          if (restored) this.onRestored?.(file);
        } catch (err) {
          this.names.delete(name);
          discardBody(body);
          throw normalizeAbort(err);
        }
      }
      /** Downloads into the ingest directory (resuming a partial file left there), then renames into place. */
      async downloadResumable(desc, open10, target2, name, signal) {
        const ingestDir = join6(this.workingDir, INGEST_DIR_NAME);
        const partial = partialPathOf(ingestDir, desc);
        let release;
        try {
          for (let attempt = 0; release === void 0; attempt++) {
            try {
              await mkdir3(this.workingDir, { recursive: true });
              await ensureIngestDir(ingestDir);
              release = await acquireFileLock(`${partial}.lock`, { signal });
            } catch (err) {
              if (attempt >= 10 || err.code !== "ENOENT") throw err;
            }
          }
          await ingestResumable(partial, desc, open10, { signal });
          await this.guarded(target2, name, async () => {
            await mkdir3(dirname3(target2), { recursive: true });
            const st = await lstat4(partial);
            if (!st.isFile() || st.nlink !== 1) throw new OrasError("INVALID_ARGUMENT", `${partial}: the partial download was replaced`);
            await rename3(partial, target2);
          });
        } finally {
          await release?.();
          await removeIngestDirIfEmpty(ingestDir);
        }
      }
      /** A small file: read and verified in memory, then written via a temp file renamed into place. */
      async pushSmallFile(target2, name, desc, body, signal) {
        const data = await readAllVerified(body, desc, SMALL_FILE_BYTES);
        throwIfAborted(signal);
        await this.exclusive(() => writeFileAtomicSync(target2, data, 438, () => this.recheck(target2, name)));
        this.digestToPath.set(desc.digest, target2);
      }
      /** Writes via a temp file in the target's directory; renamed into place only once verified. */
      async pushFile(target2, name, desc, body, signal) {
        const dir = dirname3(target2);
        const tmp = join6(dir, `.${basename3(target2)}.oras-${randomSuffix()}.tmp`);
        try {
          const fh = await this.guarded(target2, name, async () => {
            await mkdir3(dir, { recursive: true });
            return open5(tmp, fsConstants3.O_WRONLY | fsConstants3.O_CREAT | fsConstants3.O_EXCL | O_NOFOLLOW, 438);
          });
          const id = await identityOf(fh).catch(async (err) => {
            await fh.close();
            throw err;
          });
          await withWriteStream(fh, { flags: "wx", mode: 438 }, (ws) => pipeline4(body, verifier(desc), ws, signal ? { signal } : {}));
          await this.guarded(target2, name, async () => {
            await checkIdentity(tmp, id);
            await rename3(tmp, target2);
          });
        } catch (err) {
          await unlinkQuiet(tmp);
          throw err;
        }
        this.digestToPath.set(desc.digest, target2);
      }
      /**
       * Saves the archive to a temp file (verified), extracts it into a temp directory next
       * to the target, checks the tar digest, then swaps the directory into place.
       */
      async pushDirectory(target2, name, desc, body, signal) {
        const claimed = desc.annotations?.[Annotation.ContentDigest];
        const tarDigest = claimed ? parseDigest(claimed) : void 0;
        const gz = join6(this.tempDir, `oras_file_${randomSuffix()}`);
        this.temps.add(gz);
        try {
          await withWriteStream(gz, { flags: "wx", mode: 384 }, (ws) => pipeline4(body, verifier(desc), ws, signal ? { signal } : {}));
          await this.extractInto(target2, gz, name, tarDigest, signal);
        } catch (err) {
          this.temps.delete(gz);
          await unlinkQuiet(gz);
          throw err;
        }
        this.digestToPath.set(desc.digest, gz);
      }
      /**
       * Extracts into a private temp directory beside the target (created, and later swapped into
       * place, with the path checked right before), so nothing of the archive is visible under
       * the working directory until it was extracted completely.
       */
      async extractInto(target2, gz, name, tarDigest, signal) {
        const parent = dirname3(target2);
        const tmpDir = join6(parent, `.${basename3(target2)}.oras-${randomSuffix()}`);
        const id = await this.guarded(target2, name, async () => {
          await mkdir3(parent, { recursive: true });
          await mkdir3(tmpDir, { mode: 511 });
          return identityOf(tmpDir);
        });
        let old;
        try {
          await extractTarGzip(gz, tmpDir, name, tarDigest, { ...signal ? { signal } : {}, ...this.maxExtractSize !== void 0 ? { maxSize: this.maxExtractSize } : {} });
          await this.guarded(target2, name, async () => {
            await checkIdentity(tmpDir, id);
            if (await lstatOrUndefined(target2)) {
              old = join6(parent, `.${basename3(target2)}.oras-old-${randomSuffix()}`);
              await rename3(target2, old);
              try {
                await rename3(tmpDir, target2);
              } catch (err) {
                await rename3(old, target2).catch(() => void 0);
                old = void 0;
                throw err;
              }
            } else {
              await rename3(tmpDir, target2);
            }
          });
          if (old !== void 0) await removeQuiet(old);
        } catch (err) {
          await removeQuiet(tmpDir);
          throw err;
        }
      }
      /** Writes named successors of a stored manifest from content already on disk under another name. */
      async restoreDuplicates(manifest, signal) {
        let raw = this.memory.get(manifest.digest)?.data;
        if (raw === void 0) {
          const path = this.digestToPath.get(manifest.digest);
          if (path === void 0 || manifest.size > MAX_MANIFEST_BYTES) return;
          raw = await readAllVerified(createReadStream2(path), manifest).catch(() => void 0);
          if (raw === void 0) return;
        }
        let successors;
        try {
          successors = successorsOf(parseManifest(raw, manifest.mediaType));
        } catch {
          return;
        }
        for (const s2 of successors) {
          const name = titleOf(s2);
          if (name === void 0 || name === "" || this.names.has(name)) continue;
          const path = this.digestToPath.get(s2.digest);
          if (path === void 0) continue;
          try {
            await this.pushNamed(s2, createReadStream2(path), name, true, signal);
          } catch (err) {
            if (hasCode(err, "DUPLICATE_NAME")) continue;
            throw err;
          }
        }
      }
      async resolve(reference, opts) {
        this.checkOpen();
        throwIfAborted(opts?.signal);
        const d = this.refs.get(reference);
        if (d) return d;
        if (isDigest(reference)) {
          const known = this.descriptors.get(reference);
          if (known) return known;
        }
        throw new OrasError("NOT_FOUND", `${reference}: not found`);
      }
      async tag(desc, reference, opts) {
        this.checkOpen();
        if (reference === "") throw new OrasError("INVALID_REFERENCE", "missing reference");
        if (!await this.exists(desc, opts)) throw new OrasError("NOT_FOUND", `${desc.digest}: ${desc.mediaType}: not found`);
        this.refs.set(reference, desc);
      }
      /** Files and directories written so far (pull), in commit order. */
      written() {
        return [...this.writtenFiles];
      }
      /** Deletes the temp files (directory archives); the store cannot be used afterwards. */
      async close() {
        this.closed = true;
        const temps = [...this.temps];
        this.temps.clear();
        await Promise.all(temps.map((t) => unlinkQuiet(t)));
        this.memory.clear();
        this.memoryBytes = 0;
      }
    };
  }
});

// src/content/file/index.ts
var init_file = __esm({
  "src/content/file/index.ts"() {
    "use strict";
    init_pack();
    init_paths();
    init_store();
    init_unpack();
  }
});

// src/graph/pack.ts
function validateMediaType(mediaType, what = "media type") {
  if (!isValidMediaType(mediaType)) {
    throw new OrasError("INVALID_MEDIA_TYPE", `${mediaType}: invalid media type`, { hint: `the ${what} must be an RFC 6838 media type such as application/vnd.example+type` });
  }
}
function daysIn(month, year) {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
function isRFC3339(s2) {
  const m = RFC3339_RE.exec(s2);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] !== void 0 && (Number(m[7]) > 23 || Number(m[8]) > 59)) return false;
  return true;
}
function formatCreated(now) {
  if (Number.isNaN(now.getTime())) throw new OrasError("INVALID_ARGUMENT", "invalid date and time format: invalid clock value");
  return `${now.toISOString().slice(0, 19)}Z`;
}
function parseSourceDateEpoch(value) {
  if (value === void 0 || value === "") return void 0;
  const seconds = /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds <= MAX_SOURCE_DATE_EPOCH)) {
    throw new OrasError("INVALID_ARGUMENT", `invalid SOURCE_DATE_EPOCH ${JSON.stringify(value)}: want whole seconds since 1970-01-01T00:00:00Z, at most ${MAX_SOURCE_DATE_EPOCH}`);
  }
  return new Date(seconds * 1e3);
}
function ensureCreatedAnnotation(annotations, now) {
  const supplied = annotations?.[Annotation.Created];
  if (annotations !== void 0 && Object.hasOwn(annotations, Annotation.Created)) {
    if (supplied === void 0 || !isRFC3339(supplied)) {
      throw new OrasError("INVALID_ARGUMENT", `invalid date and time format: ${JSON.stringify(supplied ?? "")} is not RFC 3339`);
    }
    return { ...annotations };
  }
  return { ...annotations, [Annotation.Created]: formatCreated(now()) };
}
function withAnnotations(d, annotations) {
  const { annotations: _drop, ...rest } = d;
  return annotations && Object.keys(annotations).length > 0 ? { ...rest, annotations: { ...annotations } } : rest;
}
function emptyConfigBlob(desc) {
  return { desc, bytes: Uint8Array.from(EMPTY_JSON_BYTES) };
}
function packManifest(opts) {
  const version = opts.version ?? "v1.1";
  const now = opts.now ?? (() => /* @__PURE__ */ new Date());
  const blobs2 = [];
  let artifactType = opts.artifactType ?? "";
  let config;
  let layers;
  if (version === "v1.1") {
    if (artifactType === "" && (opts.config === void 0 || opts.config.mediaType === MediaType.Empty)) {
      throw new OrasError("INVALID_ARGUMENT", "missing artifact type");
    }
    if (artifactType !== "") validateMediaType(artifactType, "artifact type");
    if (opts.config !== void 0) {
      validateMediaType(opts.config.mediaType, "config media type");
      config = opts.configAnnotations !== void 0 ? withAnnotations(opts.config, opts.configAnnotations) : opts.config;
    } else {
      config = withAnnotations(EMPTY_JSON_DESCRIPTOR, opts.configAnnotations);
      blobs2.push(emptyConfigBlob(config));
    }
    if (opts.layers === void 0 || opts.layers.length === 0) {
      layers = [EMPTY_JSON_DESCRIPTOR];
      if (!blobs2.some((b) => b.desc.digest === EMPTY_JSON_DESCRIPTOR.digest)) blobs2.push(emptyConfigBlob(EMPTY_JSON_DESCRIPTOR));
    } else {
      layers = [...opts.layers];
    }
  } else if (version === "v1.0") {
    if (opts.subject !== void 0) {
      throw new OrasError("UNSUPPORTED", "subject is not supported for manifest version v1.0");
    }
    if (opts.config !== void 0) {
      validateMediaType(opts.config.mediaType, "config media type");
      config = opts.configAnnotations !== void 0 ? withAnnotations(opts.config, opts.configAnnotations) : opts.config;
    } else {
      if (artifactType === "") artifactType = MediaType.UnknownConfig;
      else validateMediaType(artifactType, "artifact type");
      config = withAnnotations(descriptorFromBytes(artifactType, EMPTY_JSON_BYTES), opts.configAnnotations);
      blobs2.push(emptyConfigBlob(config));
    }
    layers = opts.layers ? [...opts.layers] : [];
    artifactType = config.mediaType;
  } else {
    throw new OrasError("UNSUPPORTED", `unsupported image spec version ${JSON.stringify(version)}`);
  }
  const annotations = ensureCreatedAnnotation(opts.annotations, now);
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.ImageManifest,
    config,
    layers,
    annotations
  };
  if (version === "v1.1") {
    if (artifactType !== "") manifest.artifactType = artifactType;
    if (opts.subject !== void 0) manifest.subject = opts.subject;
  }
  const manifestBytes = new TextEncoder().encode(encodeManifest(manifest));
  const desc = {
    mediaType: MediaType.ImageManifest,
    digest: digestOf(manifestBytes),
    size: manifestBytes.byteLength,
    ...Object.keys(annotations).length > 0 ? { annotations } : {},
    ...artifactType !== "" ? { artifactType } : {}
  };
  return { manifestBytes, manifest, desc, blobsToPush: blobs2 };
}
function choosePushSpec(input2) {
  let version = input2.imageSpec ?? "v1.1";
  const artifactType = input2.artifactType ?? "";
  if (input2.hasConfig && artifactType === "") {
    if (input2.imageSpec === void 0) {
      version = "v1.0";
    } else if (version === "v1.1") {
      throw new OrasError("INVALID_ARGUMENT", "missing artifact type for OCI image-spec v1.1 artifacts", {
        hint: "set an artifact type via `--artifact-type` or consider image spec v1.0"
      });
    }
  }
  if (input2.hasConfig && input2.hasArtifactPlatform) {
    throw new OrasError("INVALID_ARGUMENT", "--config, --artifact-platform cannot be used at the same time");
  }
  if (version === "v1.0") {
    if (input2.hasConfig && artifactType !== "") {
      throw new OrasError("INVALID_ARGUMENT", "--artifact-type and --config cannot both be provided for 1.0 OCI image");
    }
    if (input2.hasArtifactPlatform && artifactType !== "") {
      throw new OrasError("INVALID_ARGUMENT", "artifact type cannot be customized for OCI image-spec v1.0 when platform is specified", {
        hint: "consider using image spec v1.1 or remove --artifact-type"
      });
    }
    return { version, artifactType };
  }
  if (!input2.hasConfig && artifactType === "") return { version, artifactType: MediaType.UnknownArtifact };
  return { version, artifactType };
}
var RFC3339_RE, MAX_SOURCE_DATE_EPOCH;
var init_pack2 = __esm({
  "src/graph/pack.ts"() {
    "use strict";
    init_errors();
    init_descriptor();
    init_digest();
    init_json();
    init_mediatypes();
    RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2}):(\d{2})(?:[.,]\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;
    MAX_SOURCE_DATE_EPOCH = 253402300799;
  }
});

// src/content/memory.ts
import { Readable as Readable3 } from "node:stream";
var MemoryStore;
var init_memory = __esm({
  "src/content/memory.ts"() {
    "use strict";
    init_errors();
    init_descriptor();
    init_digest();
    init_manifest();
    init_mediatypes();
    init_verify();
    MemoryStore = class {
      blobs = /* @__PURE__ */ new Map();
      tagMap = /* @__PURE__ */ new Map();
      preds = /* @__PURE__ */ new Map();
      async fetch(desc, _opts) {
        const entry = this.blobs.get(contentKey(desc));
        if (!entry) throw new OrasError("NOT_FOUND", `${desc.digest}: not found`);
        return Readable3.from([entry.data]);
      }
      async exists(desc, _opts) {
        return this.blobs.has(contentKey(desc));
      }
      async push(desc, body, _opts) {
        const data = await readAllVerified(body, desc, Number.MAX_SAFE_INTEGER);
        const key = contentKey(desc);
        if (this.blobs.has(key)) return;
        this.blobs.set(key, { desc, data });
        if (isManifestMediaType(desc.mediaType)) {
          try {
            for (const s2 of successorsOf(parseManifest(data, desc.mediaType))) {
              let m = this.preds.get(s2.digest);
              if (!m) this.preds.set(s2.digest, m = /* @__PURE__ */ new Map());
              m.set(key, desc);
            }
          } catch {
          }
        }
      }
      async resolve(reference, _opts) {
        const tagged = this.tagMap.get(reference);
        if (tagged) return tagged;
        if (isDigest(reference)) {
          for (const { desc } of this.blobs.values()) if (desc.digest === reference) return desc;
        }
        throw new OrasError("NOT_FOUND", `${reference}: not found`);
      }
      async tag(desc, reference, _opts) {
        if (!this.blobs.has(contentKey(desc))) throw new OrasError("NOT_FOUND", `${desc.digest}: not found`);
        this.tagMap.set(reference, desc);
      }
      async delete(desc, _opts) {
        const key = contentKey(desc);
        if (!this.blobs.delete(key)) throw new OrasError("NOT_FOUND", `${desc.digest}: not found`);
        for (const [t, d] of this.tagMap) if (contentKey(d) === key) this.tagMap.delete(t);
        for (const m of this.preds.values()) m.delete(key);
      }
      async predecessors(desc, _opts) {
        return [...this.preds.get(desc.digest)?.values() ?? []];
      }
      async *tags(opts) {
        const all = [...this.tagMap.keys()].sort();
        for (const t of all) if (opts?.last === void 0 || t > opts.last) yield t;
      }
    };
  }
});

// src/graph/copy-error.ts
function isAbort(err) {
  return OrasError.is(err) && err.code === "ABORTED" || err instanceof Error && err.name === "AbortError";
}
function copyErrorOf(side, step, descriptor, err) {
  if (err instanceof CopyError || isAbort(err)) return err;
  return new CopyError(side, step, descriptor, err);
}
async function onSide(side, step, descriptor, fn) {
  try {
    return await fn();
  } catch (err) {
    throw copyErrorOf(side, step, descriptor, err);
  }
}
var BRAND, CopyError;
var init_copy_error = __esm({
  "src/graph/copy-error.ts"() {
    "use strict";
    init_errors();
    BRAND = /* @__PURE__ */ Symbol.for("oras-ts.CopyError");
    CopyError = class extends OrasError {
      side;
      step;
      /** The node being copied, when the step concerned one. */
      descriptor;
      constructor(side, step, descriptor, cause) {
        const inner = OrasError.is(cause) ? cause : void 0;
        const code = inner ? inner.code : "COPY_FAILED";
        const message = cause instanceof Error ? cause.message : String(cause);
        super(code, message, { cause, ...inner?.hint !== void 0 ? { hint: inner.hint } : {} });
        this.side = side;
        this.step = step;
        this.descriptor = descriptor;
        Object.defineProperty(this, BRAND, { value: true });
      }
      /** Branded check: true for a CopyError from any copy of this library. */
      static [Symbol.hasInstance](value) {
        return typeof value === "object" && value !== null && value[BRAND] === true;
      }
    };
  }
});

// src/graph/cache.ts
import { Readable as Readable4 } from "node:stream";
var MANIFEST_CACHE_BYTES, ManifestCache;
var init_cache = __esm({
  "src/graph/cache.ts"() {
    "use strict";
    init_verify();
    init_descriptor();
    init_mediatypes();
    init_manifest();
    init_copy_error();
    MANIFEST_CACHE_BYTES = 64 * 1024 * 1024;
    ManifestCache = class {
      bytes = /* @__PURE__ */ new Map();
      inflight = /* @__PURE__ */ new Map();
      source;
      limit;
      cacheBytes;
      total = 0;
      constructor(source, limit = MAX_MANIFEST_BYTES, cacheBytes = MANIFEST_CACHE_BYTES) {
        this.source = source;
        this.limit = limit;
        this.cacheBytes = cacheBytes;
      }
      /** Seeds the cache with bytes already fetched and verified (e.g. the root). */
      put(desc, data) {
        this.keep(contentKey(desc), data);
      }
      /** Keeps `data`, dropping the oldest entries (never this one) while the cache holds more than `cacheBytes`. */
      keep(key, data) {
        this.drop(key);
        this.bytes.set(key, data);
        this.total += data.length;
        for (const k of this.bytes.keys()) {
          if (this.total <= this.cacheBytes || k === key) break;
          this.drop(k);
        }
      }
      drop(key) {
        const old = this.bytes.get(key);
        if (old === void 0) return;
        this.bytes.delete(key);
        this.total -= old.length;
      }
      get(desc) {
        return this.bytes.get(contentKey(desc));
      }
      /** Verified bytes of a small object, fetched at most once. */
      async fetchBytes(desc, opts) {
        const key = contentKey(desc);
        const have = this.bytes.get(key);
        if (have) return have;
        let p = this.inflight.get(key);
        if (!p) {
          p = onSide("source", "fetch", desc, async () => {
            const data = desc.data !== void 0 ? await readAllVerified([Buffer.from(desc.data, "base64")], desc, this.limit) : await readAllVerified(await this.source.fetch(desc, opts), desc, this.limit);
            this.keep(key, data);
            return data;
          });
          this.inflight.set(key, p);
          p.then(
            () => this.inflight.delete(key),
            () => this.inflight.delete(key)
          );
        }
        return p;
      }
      async fetch(desc, opts) {
        const have = this.bytes.get(contentKey(desc));
        if (have) return Readable4.from([have]);
        if (isManifestMediaType(desc.mediaType) && desc.size <= this.limit) {
          return Readable4.from([await this.fetchBytes(desc, opts)]);
        }
        return onSide("source", "fetch", desc, () => this.source.fetch(desc, opts));
      }
      async exists(desc, opts) {
        if (this.bytes.has(contentKey(desc))) return true;
        return onSide("source", "exists", desc, () => this.source.exists(desc, opts));
      }
    };
  }
});

// src/graph/limiter.ts
var Limiter;
var init_limiter = __esm({
  "src/graph/limiter.ts"() {
    "use strict";
    init_errors();
    Limiter = class {
      active = 0;
      waiters = [];
      /** Per signal: how many queued waiters use it, and its one abort listener. */
      listening = /* @__PURE__ */ new Map();
      limit;
      constructor(limit) {
        if (!Number.isSafeInteger(limit) || limit < 1) throw new OrasError("INVALID_ARGUMENT", `concurrency must be a positive integer, got ${limit}`);
        this.limit = limit;
      }
      async acquire(signal) {
        signal?.throwIfAborted();
        if (this.active < this.limit) {
          this.active++;
          return this.releaser();
        }
        return new Promise((resolve5, reject) => {
          const waiter2 = {
            grant: () => {
              this.unlisten(signal);
              resolve5(this.releaser());
            },
            fail: reject,
            signal
          };
          this.listen(signal);
          this.waiters.push(waiter2);
        });
      }
      listen(signal) {
        if (signal === void 0) return;
        const known = this.listening.get(signal);
        if (known !== void 0) {
          known.count++;
          return;
        }
        const onAbort = () => this.abortWaiters(signal);
        this.listening.set(signal, { count: 1, onAbort });
        signal.addEventListener("abort", onAbort, { once: true });
      }
      unlisten(signal) {
        if (signal === void 0) return;
        const known = this.listening.get(signal);
        if (known === void 0 || --known.count > 0) return;
        this.listening.delete(signal);
        signal.removeEventListener("abort", known.onAbort);
      }
      /** Rejects (in queue order) every waiter of an aborted signal; the others keep their places. */
      abortWaiters(signal) {
        this.listening.delete(signal);
        const failed = [];
        const kept = [];
        for (const w of this.waiters) (w.signal === signal ? failed : kept).push(w);
        this.waiters.splice(0, this.waiters.length, ...kept);
        for (const w of failed) w.fail(signal.reason);
      }
      releaser() {
        let done = false;
        return () => {
          if (done) return;
          done = true;
          const next = this.waiters.shift();
          if (next) next.grant();
          else this.active--;
        };
      }
      /** Runs `fn` holding one slot. */
      async run(fn, signal) {
        const release = await this.acquire(signal);
        try {
          return await fn();
        } finally {
          release();
        }
      }
    };
  }
});

// src/graph/copy.ts
import { setMaxListeners } from "node:events";
import { Readable as Readable5 } from "node:stream";
async function defaultSuccessors(fetcher, desc, opts) {
  if (!isManifestMediaType(desc.mediaType)) return [];
  const raw = await fetcher.fetchBytes(desc, opts);
  return successorsOf(parseManifest(raw, desc.mediaType));
}
async function copyGraph(src, dst, root, opts = {}) {
  await new Copier(src, dst, opts).copy(root);
}
function openerFor(cache, desc, o, report) {
  const src = cache.source;
  return async (offset) => {
    const r = offset > 0 && canFetchFrom(src) ? await onSide("source", "fetch", desc, () => src.fetchFrom(desc, offset, o)) : { body: await cache.fetch(desc, o), offset: 0 };
    if (!report) return r;
    if (r.offset > 0) report(desc, r.offset);
    const source = r.body;
    const counted = Readable5.from(countBytes(source, (n2) => report(desc, n2), r.offset));
    counted.once("close", () => source.destroy());
    const lender = {
      lentChunks: () => {
        const lent = lentChunksOf(source);
        if (lent === void 0) return void 0;
        const it = countBytes(lent, (n2) => report(desc, n2), r.offset);
        return { [Symbol.asyncIterator]: () => it[Symbol.asyncIterator](), destroy: () => lent.destroy() };
      }
    };
    return { body: Object.assign(counted, lender), offset: r.offset };
  };
}
async function resolveRoot(src, cache, reference, opts) {
  return onSide("source", "resolve", void 0, () => resolveRootBytes(src, cache, reference, opts));
}
async function resolveRootBytes(src, cache, reference, opts) {
  if (canFetchReference(src)) {
    const { desc, body } = await src.fetchReference(reference, opts);
    if (isManifestMediaType(desc.mediaType) && desc.size <= MAX_MANIFEST_BYTES) {
      const data = await readAllLimited(body, MAX_MANIFEST_BYTES, "manifest");
      cache.put(desc, data);
    } else {
      body.destroy();
    }
    return desc;
  }
  return src.resolve(reference, opts);
}
async function tagRoot(dst, desc, bytes, reference, opts) {
  await onSide("destination", "tag", desc, () => tagRootAt(dst, desc, bytes, reference, opts));
}
async function tagRootAt(dst, desc, bytes, reference, opts) {
  if (bytes && canPushReference(dst)) {
    await dst.pushReference(desc, Readable5.from([bytes]), reference, opts);
    return;
  }
  if (!canTag(dst)) throw new OrasError("UNSUPPORTED", "destination cannot be tagged");
  if (!await dst.exists(desc, opts)) {
    if (!bytes) throw new OrasError("NOT_FOUND", `${desc.digest}: not found at the destination`);
    await dst.push(desc, Readable5.from([bytes]), opts);
  }
  await dst.tag(desc, reference, opts);
}
async function copy(src, srcRef, dst, dstRef, opts = {}) {
  const cache = new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
  const o = { signal: opts.signal };
  let root = await resolveRoot(src, cache, srcRef, o);
  if (opts.mapRoot) root = await opts.mapRoot(cache, root, o);
  if (dstRef === void 0 || dstRef === "") {
    await copyGraph(cache, dst, root, opts);
    return root;
  }
  const rootKey = contentKey(root);
  const ref = dstRef;
  const tagIt = async (report) => {
    const bytes = isManifestMediaType(root.mediaType) ? await cache.fetchBytes(root, o) : void 0;
    if (bytes) report?.(root, 0);
    await tagRoot(dst, root, bytes, ref, o);
    if (bytes) report?.(root, bytes.length);
  };
  await copyGraph(cache, dst, root, {
    ...opts,
    preCopy: async (d) => {
      if (contentKey(d) === rootKey) {
        if (await opts.preCopy?.(d) === SKIP_NODE) return SKIP_NODE;
        await tagIt(opts.onProgress);
        await opts.postCopy?.(d);
        return SKIP_NODE;
      }
      return opts.preCopy?.(d);
    },
    onCopySkipped: async (d) => {
      if (contentKey(d) === rootKey) await tagIt();
      await opts.onCopySkipped?.(d);
    }
  });
  return root;
}
var SKIP_NODE, DEFAULT_CONCURRENCY, Copier;
var init_copy = __esm({
  "src/graph/copy.ts"() {
    "use strict";
    init_storage();
    init_verify();
    init_errors();
    init_descriptor();
    init_mediatypes();
    init_manifest();
    init_ingest();
    init_file_chunks();
    init_cache();
    init_copy_error();
    init_limiter();
    SKIP_NODE = /* @__PURE__ */ Symbol("oras.skipNode");
    DEFAULT_CONCURRENCY = 3;
    Copier = class {
      cache;
      dst;
      opts;
      limiter;
      ac = new AbortController();
      signal;
      nodeOpts;
      findSuccessors;
      started = /* @__PURE__ */ new Map();
      firstError;
      constructor(src, dst, opts = {}) {
        this.cache = src instanceof ManifestCache ? src : new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
        this.dst = dst;
        this.opts = opts;
        this.limiter = new Limiter(opts.concurrency ?? DEFAULT_CONCURRENCY);
        this.signal = opts.signal ? AbortSignal.any([opts.signal, this.ac.signal]) : this.ac.signal;
        setMaxListeners(0, this.signal);
        this.nodeOpts = { signal: this.signal };
        this.findSuccessors = opts.findSuccessors ?? defaultSuccessors;
      }
      /** Copies the graphs under `roots`, concurrently, each node once. */
      async copy(...roots) {
        try {
          await Promise.all(roots.map((r) => this.visit(r)));
        } catch (err) {
          for (let seen = -1; seen !== this.started.size; ) {
            seen = this.started.size;
            await Promise.allSettled(this.started.values());
          }
          throw this.firstError ?? err;
        }
      }
      visit(desc) {
        const key = contentKey(desc);
        let p = this.started.get(key);
        if (!p) {
          p = this.copyNode(desc);
          this.started.set(key, p);
          p.catch((err) => {
            if (this.firstError === void 0) this.firstError = err;
            this.ac.abort(err);
          });
        }
        return p;
      }
      async copyNode(desc) {
        if (isForeignLayer(desc.mediaType)) return;
        const { dst, opts, cache, signal, nodeOpts } = this;
        let children2;
        let release = await this.limiter.acquire(signal);
        try {
          if (await onSide("destination", "exists", desc, () => dst.exists(desc, nodeOpts))) {
            release();
            await opts.onCopySkipped?.(desc);
            return;
          }
          children2 = await onSide("source", "fetch", desc, () => this.findSuccessors(cache, desc, nodeOpts));
        } catch (err) {
          release();
          throw err;
        }
        if (children2.length > 0) {
          release();
          await Promise.all(children2.map((c) => this.visit(c)));
          release = await this.limiter.acquire(signal);
        }
        try {
          if (!isManifestMediaType(desc.mediaType) && opts.mountFrom && canMount(dst)) {
            const from = await opts.mountFrom(desc);
            for (const repo of from) {
              try {
                await dst.mount(desc, repo, () => cache.fetch(desc, nodeOpts), nodeOpts);
                await opts.onMounted?.(desc, repo);
                return;
              } catch (err) {
                signal.throwIfAborted();
                if (OrasError.is(err) && err.code === "ABORTED") throw err;
              }
            }
          }
          if (await opts.preCopy?.(desc) === SKIP_NODE) return;
          if (!isManifestMediaType(desc.mediaType) && canPushFrom(dst)) {
            const open10 = openerFor(cache, desc, nodeOpts, opts.onProgress);
            await onSide("destination", "push", desc, () => dst.pushFrom(desc, open10, nodeOpts));
            await opts.postCopy?.(desc);
            return;
          }
          const body = await cache.fetch(desc, nodeOpts);
          try {
            const report = opts.onProgress;
            const counting = report ? countBytes(body, (n2) => report(desc, n2)) : body;
            await onSide("destination", "push", desc, () => dst.push(desc, counting, nodeOpts));
          } finally {
            if (!body.destroyed) body.destroy();
          }
          await opts.postCopy?.(desc);
        } finally {
          release();
        }
      }
    };
  }
});

// src/graph/tag.ts
async function tagN(dst, desc, bytes, tags2, opts = {}) {
  const limiter = new Limiter(opts.concurrency ?? 5);
  const o = { signal: opts.signal };
  await Promise.all(
    tags2.map(
      (t) => limiter.run(async () => {
        await tagRoot(dst, desc, bytes, t, o);
        opts.onTagged?.(t);
      }, opts.signal)
    )
  );
}
var init_tag = __esm({
  "src/graph/tag.ts"() {
    "use strict";
    init_copy();
    init_limiter();
  }
});

// src/graph/union.ts
var UnionStore;
var init_union = __esm({
  "src/graph/union.ts"() {
    "use strict";
    init_errors();
    UnionStore = class {
      stores;
      constructor(...stores) {
        this.stores = stores;
      }
      async fetch(desc, opts) {
        for (const s2 of this.stores) if (await s2.exists(desc, opts)) return s2.fetch(desc, opts);
        throw new OrasError("NOT_FOUND", `${desc.digest}: not found`);
      }
      async exists(desc, opts) {
        for (const s2 of this.stores) if (await s2.exists(desc, opts)) return true;
        return false;
      }
      async resolve(reference, opts) {
        for (const s2 of this.stores) {
          const r = s2;
          if (typeof r.resolve !== "function") continue;
          try {
            return await r.resolve.call(s2, reference, opts);
          } catch (err) {
            if (!(OrasError.is(err) && err.code === "NOT_FOUND")) throw err;
          }
        }
        throw new OrasError("NOT_FOUND", `${reference}: not found`);
      }
    };
  }
});

// src/graph/push.ts
import { Readable as Readable6 } from "node:stream";
function stagingDigestHook(dst, opts = {}) {
  if (!canStage(dst)) return void 0;
  const min = opts.stageMinBytes ?? STAGE_MIN_BYTES;
  const o = { signal: opts.signal };
  return async (path, size) => {
    if (size < min) return void 0;
    const file = { path, size };
    opts.onStageStart?.(file);
    const report = opts.onStageProgress;
    const open10 = (offset) => {
      const stream = reusedFileChunks(path, offset);
      if (!report) return stream;
      if (offset > 0) report(file, offset);
      return countBytes(stream, (n2) => report(file, n2), offset);
    };
    const staged = await dst.stageBlob(open10, size, o);
    opts.onStaged?.(file, staged.digest);
    return staged;
  };
}
async function pushArtifact(source, pack, dst, reference, opts = {}) {
  const packed = packManifest(pack);
  return pushPacked(source, packed, dst, reference, opts);
}
async function pushPacked(source, packed, dst, reference, opts = {}) {
  const memory = new MemoryStore();
  for (const b of packed.blobsToPush) await memory.push(b.desc, Readable6.from([Buffer.from(b.bytes)]));
  await memory.push(packed.desc, Readable6.from([Buffer.from(packed.manifestBytes)]));
  await memory.tag(packed.desc, packed.desc.digest);
  const union = new UnionStore(memory, source);
  if (reference) await copy(union, packed.desc.digest, dst, reference, opts);
  else await copyGraph(union, dst, packed.desc, opts);
  if (opts.extraTags && opts.extraTags.length > 0) {
    await tagN(dst, packed.desc, Buffer.from(packed.manifestBytes), opts.extraTags, {
      signal: opts.signal,
      concurrency: opts.tagConcurrency ?? 5,
      ...opts.onTagged ? { onTagged: opts.onTagged } : {}
    });
  }
  return { root: packed.desc, manifestBytes: packed.manifestBytes };
}
var STAGE_MIN_BYTES;
var init_push = __esm({
  "src/graph/push.ts"() {
    "use strict";
    init_file();
    init_ingest();
    init_file_chunks();
    init_memory();
    init_storage();
    init_mediatypes();
    init_copy();
    init_limiter();
    init_pack2();
    init_tag();
    init_union();
    STAGE_MIN_BYTES = 8 * 1024 * 1024;
  }
});

// src/oci/platform.ts
function goArchitecture(nodeArch, littleEndian = true) {
  if (nodeArch === "ppc64") return littleEndian ? "ppc64le" : "ppc64";
  return GO_ARCH[nodeArch] ?? nodeArch;
}
function hostArchitecture() {
  return goArchitecture(process.arch, new Uint8Array(new Uint16Array([1]).buffer)[0] === 1);
}
function parsePlatform(input2, defaultArch) {
  const colon = input2.indexOf(":");
  const spec = colon < 0 ? input2 : input2.slice(0, colon);
  const osVersion = colon < 0 ? "" : input2.slice(colon + 1);
  const parts = spec.split("/");
  if (parts.length > 3) {
    throw new OrasError("INVALID_ARGUMENT", `failed to parse platform ${JSON.stringify(input2)}: expecting os[/arch][/variant][:os_version]`);
  }
  const os = parts[0];
  const architecture = parts.length >= 2 ? parts[1] : defaultArch;
  const variant = parts[2] ?? "";
  if (os === "") throw new OrasError("INVALID_ARGUMENT", `invalid platform ${JSON.stringify(input2)}: OS cannot be empty`);
  if (architecture === "") throw new OrasError("INVALID_ARGUMENT", `invalid platform ${JSON.stringify(input2)}: Architecture cannot be empty`);
  const p = { architecture, os };
  if (osVersion !== "") p["os.version"] = osVersion;
  if (variant !== "") p.variant = variant;
  return p;
}
function parseHostPlatform(input2) {
  return parsePlatform(input2, hostArchitecture());
}
function formatPlatform(p) {
  let s2 = `${p.os}/${p.architecture}`;
  if (p.variant) s2 += `/${p.variant}`;
  if (p["os.version"]) s2 += `:${p["os.version"]}`;
  return s2;
}
function matchPlatform(requested, actual) {
  if (actual === void 0) return false;
  if (actual.os !== requested.os || actual.architecture !== requested.architecture) return false;
  if (requested.variant && actual.variant !== requested.variant) return false;
  if (requested["os.version"] && actual["os.version"] !== requested["os.version"]) return false;
  const wanted = requested["os.features"] ?? [];
  if (wanted.length > 0) {
    const have = new Set(actual["os.features"] ?? []);
    for (const f2 of wanted) if (!have.has(f2)) return false;
  }
  return true;
}
function selectPlatformEntry(manifests2, requested) {
  return manifests2.find((d) => matchPlatform(requested, d.platform));
}
function platformFromConfig(raw) {
  if (raw.byteLength > MAX_MANIFEST_BYTES) {
    throw new OrasError("SIZE_EXCEEDS_LIMIT", `config size ${raw.byteLength} exceeds the limit of ${MAX_MANIFEST_BYTES} bytes`);
  }
  const v = decodeJSONObject(raw, "config");
  if (typeof v.os !== "string" || v.os === "" || typeof v.architecture !== "string" || v.architecture === "") return void 0;
  return decodePlatform(v, "config");
}
var GO_ARCH;
var init_platform = __esm({
  "src/oci/platform.ts"() {
    "use strict";
    init_errors();
    init_descriptor();
    init_manifest();
    GO_ARCH = {
      x64: "amd64",
      ia32: "386",
      arm: "arm",
      arm64: "arm64",
      mipsel: "mipsle",
      mips: "mips",
      loong64: "loong64",
      riscv64: "riscv64",
      s390x: "s390x",
      ppc64: "ppc64le"
    };
  }
});

// src/graph/platform.ts
async function selectPlatformManifest(fetcher, root, platform2, opts) {
  const want = formatPlatform(platform2);
  switch (root.mediaType) {
    case MediaType.ImageIndex:
    case MediaType.DockerManifestList: {
      const parsed = parseManifest(await fetchBytes(fetcher, root, opts), root.mediaType);
      if (parsed.kind !== "index") throw new OrasError("INVALID_MANIFEST", `${root.digest}: not an index`);
      const found = selectPlatformEntry(parsed.index.manifests, platform2);
      if (found === void 0) {
        throw new OrasError("NOT_FOUND", `${root.digest}: not found: no matching manifest was found in the manifest list for platform ${want}`);
      }
      return found;
    }
    case MediaType.ImageManifest:
    case MediaType.DockerManifest: {
      const parsed = parseManifest(await fetchBytes(fetcher, root, opts), root.mediaType);
      if (parsed.kind !== "manifest") throw new OrasError("INVALID_MANIFEST", `${root.digest}: not a manifest`);
      const config = parsed.manifest.config;
      if (config.mediaType !== MediaType.ImageConfig && config.mediaType !== MediaType.DockerConfig) {
        throw new OrasError(
          "UNSUPPORTED",
          `${root.digest}: config media type ${JSON.stringify(config.mediaType)} carries no platform: expected ${MediaType.ImageConfig} or ${MediaType.DockerConfig}`
        );
      }
      const actual = platformFromConfig(await fetchBytes(fetcher, config, opts));
      if (!matchPlatform(platform2, actual)) {
        throw new OrasError("NOT_FOUND", `${root.digest}: not found: platform in manifest does not match target platform ${want}`);
      }
      return root;
    }
    default:
      throw new OrasError("UNSUPPORTED", `${root.digest}: ${root.mediaType}: unsupported: cannot select a platform`);
  }
}
var init_platform2 = __esm({
  "src/graph/platform.ts"() {
    "use strict";
    init_verify();
    init_errors();
    init_manifest();
    init_mediatypes();
    init_platform();
  }
});

// src/graph/resolve.ts
async function resolveReference(target2, reference, opts = {}) {
  const o = { signal: opts.signal };
  const root = await target2.resolve(reference, o);
  if (opts.platform === void 0) return root;
  return selectPlatformManifest(target2, root, opts.platform, o);
}
async function fetchOrResolveReference(target2, reference, o, limit = MAX_MANIFEST_BYTES) {
  if (!canFetchReference(target2)) return { desc: await target2.resolve(reference, o), bytes: void 0 };
  const r = await target2.fetchReference(reference, o);
  return { desc: r.desc, bytes: await readAllLimited(r.body, limit, "manifest") };
}
async function fetchManifestReference(target2, reference, opts = {}) {
  const o = { signal: opts.signal };
  const limit = opts.maxBytes ?? MAX_MANIFEST_BYTES;
  let { desc, bytes } = await fetchOrResolveReference(target2, reference, o, limit);
  if (opts.platform !== void 0) {
    const selected = await selectPlatformManifest(target2, desc, opts.platform, o);
    if (selected.digest !== desc.digest) bytes = void 0;
    desc = selected;
  }
  if (desc.size > limit) throw new OrasError("SIZE_EXCEEDS_LIMIT", `${desc.digest}: content size ${desc.size} exceeds the limit of ${limit} bytes`);
  bytes ??= await fetchBytes(target2, desc, { ...o, limit });
  return { desc, bytes };
}
var init_resolve = __esm({
  "src/graph/resolve.ts"() {
    "use strict";
    init_storage();
    init_verify();
    init_errors();
    init_manifest();
    init_platform2();
  }
});

// src/graph/attach.ts
async function attach(target2, subject, source, opts) {
  const o = { signal: opts.signal };
  const subjectDesc = typeof subject === "string" ? await resolveReference(target2, subject, { ...o, platform: opts.platform }) : subject;
  const pack = {
    version: "v1.1",
    artifactType: opts.artifactType,
    subject: subjectDesc,
    ...opts.layers ? { layers: opts.layers } : {},
    ...opts.config ? { config: opts.config } : {},
    ...opts.configAnnotations ? { configAnnotations: opts.configAnnotations } : {},
    ...opts.annotations ? { annotations: opts.annotations } : {},
    ...opts.now ? { now: opts.now } : {}
  };
  const packed = packManifest(pack);
  const rootDigest = packed.desc.digest;
  const result = await pushPacked(source, packed, target2, void 0, {
    ...opts,
    // The subject is already at the target: do not walk into it from the new root.
    findSuccessors: async (fetcher, desc, fo) => {
      if (desc.digest === rootDigest) return [...packed.manifest.layers, packed.manifest.config];
      if (opts.findSuccessors) return opts.findSuccessors(fetcher, desc, fo);
      if (!isManifestMediaType(desc.mediaType)) return [];
      return successorsOf(parseManifest(await fetcher.fetchBytes(desc, fo), desc.mediaType));
    }
  });
  return { ...result, subject: subjectDesc };
}
var init_attach = __esm({
  "src/graph/attach.ts"() {
    "use strict";
    init_manifest();
    init_mediatypes();
    init_pack2();
    init_push();
    init_resolve();
  }
});

// src/cli/display/json.ts
function sortedMap(m) {
  const out = {};
  for (const k of Object.keys(m).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) out[k] = m[k];
  return out;
}
function descriptorModel(path, desc) {
  const o = {
    reference: `${path}@${desc.digest}`,
    mediaType: desc.mediaType,
    digest: desc.digest,
    size: desc.size
  };
  if (desc.annotations && Object.keys(desc.annotations).length > 0) o.annotations = sortedMap(desc.annotations);
  if (desc.artifactType) o.artifactType = desc.artifactType;
  return o;
}
function formatJSON(value) {
  return `${JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}
`;
}
var init_json2 = __esm({
  "src/cli/display/json.ts"() {
    "use strict";
  }
});

// src/cli/display/escape.ts
function hasUnsafeText(s2) {
  return UNSAFE.test(s2);
}
function printable(s2) {
  if (!UNSAFE.test(s2)) return s2;
  return s2.replace(UNSAFE_OR_BACKSLASH, (c) => {
    switch (c) {
      case "\\":
        return "\\\\";
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "	":
        return "\\t";
      default:
        return hexEscape(c);
    }
  });
}
function hexEscape(c) {
  const code = c.charCodeAt(0);
  return code <= 255 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
function printableLines(s2) {
  return s2.split("\n").map(printable).join("\n");
}
function printableJSON(json) {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
var UNSAFE_CHARS, UNSAFE, UNSAFE_OR_BACKSLASH, JSON_UNSAFE;
var init_escape = __esm({
  "src/cli/display/escape.ts"() {
    "use strict";
    UNSAFE_CHARS = "\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069";
    UNSAFE = new RegExp(`[${UNSAFE_CHARS}]`);
    UNSAFE_OR_BACKSLASH = new RegExp(`[\\\\${UNSAFE_CHARS}]`, "g");
    JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  }
});

// src/cli/display/printer.ts
var Prompt, Printer, LineBatcher, CommittedSet;
var init_printer = __esm({
  "src/cli/display/printer.ts"() {
    "use strict";
    init_descriptor();
    init_digest();
    init_escape();
    Prompt = {
      Preparing: "Preparing",
      Uploading: "Uploading",
      Uploaded: "Uploaded ",
      PushExists: "Exists   ",
      PushSkipped: "Skipped  ",
      Downloading: "Downloading",
      Processing: "Processing ",
      Downloaded: "Downloaded ",
      PullSkipped: "Skipped    ",
      Restored: "Restored   ",
      Pulled: "Pulled     ",
      Copying: "Copying",
      Copied: "Copied ",
      CopyExists: "Exists ",
      CopySkipped: "Skipped",
      Mounted: "Mounted"
    };
    Printer = class {
      out;
      verbose;
      /** Text status is suppressed (JSON output). */
      quiet;
      constructor(out, opts) {
        this.out = out;
        this.verbose = opts.verbose;
        this.quiet = opts.quiet ?? false;
      }
      println(...parts) {
        this.out.write(`${parts.join(" ")}
`);
      }
      /** Status and summary lines that JSON output replaces. */
      status(...parts) {
        if (!this.quiet) this.println(...parts);
      }
      printVerbose(...parts) {
        if (this.verbose && !this.quiet) this.println(...parts);
      }
      printStatus(desc, prompt) {
        if (this.quiet) return;
        const title2 = titleOf(desc);
        const line = [prompt, shortDigest(desc.digest), printable(title2 ?? desc.mediaType)];
        if (title2 !== void 0) this.println(...line);
        else this.printVerbose(...line);
      }
    };
    LineBatcher = class {
      constructor(out) {
        this.out = out;
      }
      out;
      pending = "";
      last = Date.now();
      line(text) {
        this.pending += `${text}
`;
        if (this.pending.length >= 64 * 1024 || Date.now() - this.last >= 200) this.flush();
      }
      flush() {
        this.last = Date.now();
        if (this.pending === "") return;
        this.out.write(this.pending);
        this.pending = "";
      }
    };
    CommittedSet = class {
      seen = /* @__PURE__ */ new Map();
      add(desc) {
        this.seen.set(desc.digest, titleOf(desc));
      }
      /** True when the same content was committed under another title (a deduplicated layer). */
      isDeduplicated(desc) {
        return this.seen.has(desc.digest) && this.seen.get(desc.digest) !== titleOf(desc);
      }
      /** True when the descriptor was not committed, or was committed under another title. */
      needsReport(desc) {
        return !this.seen.has(desc.digest) || this.isDeduplicated(desc);
      }
    };
  }
});

// src/cli/display/status.ts
function uploadStatusHooks(printer, progress, successors, bars = progress() !== void 0) {
  const committed = new CommittedSet();
  const hooks = {
    preCopy: (d) => {
      progress()?.start(d, Prompt.Uploading);
      printer.printStatus(d, Prompt.Uploading);
    },
    postCopy: (d) => {
      committed.add(d);
      for (const s2 of successors?.(d) ?? []) {
        if (!committed.isDeduplicated(s2)) continue;
        progress()?.report(s2, Prompt.PushSkipped);
        printer.printStatus(s2, Prompt.PushExists);
      }
      progress()?.done(d, Prompt.Uploaded);
      printer.printStatus(d, Prompt.Uploaded);
    },
    onCopySkipped: (d) => {
      committed.add(d);
      progress()?.done(d, Prompt.PushExists);
      printer.printStatus(d, Prompt.PushExists);
    }
  };
  if (!bars) return hooks;
  return { ...hooks, onProgress: (d, bytes) => progress()?.onProgress(d, bytes) };
}
var init_status = __esm({
  "src/cli/display/status.ts"() {
    "use strict";
    init_printer();
  }
});

// src/cli/display/humanize.ts
function roundTo(size) {
  if (size < 10) return Math.round(size * 100) / 100;
  if (size < 100) return Math.round(size * 10) / 10;
  return Math.round(size);
}
function toBytes(n2) {
  if (n2 < BASE) return { size: n2, unit: "B" };
  const e = Math.min(Math.floor(Math.log(n2) / Math.log(BASE)), UNITS.length - 1);
  return { size: roundTo(n2 / BASE ** e), unit: UNITS[e] };
}
function formatNumber(n2) {
  return String(n2);
}
function formatBytes(b) {
  return `${formatNumber(b.size)} ${b.unit.padStart(2)}`;
}
function roundNs(ns, m) {
  return Math.round(ns / m) * m;
}
function goDuration(ns) {
  if (ns === 0) return "0s";
  if (ns < NS_PER_US) return `${ns}ns`;
  if (ns < NS_PER_MS) return `${trimFraction(ns / NS_PER_US)}µs`;
  if (ns < NS_PER_S) return `${trimFraction(ns / NS_PER_MS)}ms`;
  let rest = ns / NS_PER_S;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  rest -= m * 60;
  const s2 = `${trimFraction(rest)}s`;
  if (h > 0) return `${h}h${m}m${s2}`;
  if (m > 0) return `${m}m${s2}`;
  return s2;
}
function trimFraction(v) {
  return Number(v.toFixed(9)).toString();
}
function formatDuration(ms) {
  const ns = Math.max(0, Math.round(ms * NS_PER_MS));
  if (ns > NS_PER_S) return goDuration(roundNs(ns, NS_PER_S));
  if (ns > NS_PER_MS) return goDuration(roundNs(ns, NS_PER_MS));
  return goDuration(roundNs(ns, NS_PER_US));
}
function formatSize(n2) {
  return formatBytes(toBytes(n2));
}
var BASE, UNITS, NS_PER_US, NS_PER_MS, NS_PER_S;
var init_humanize = __esm({
  "src/cli/display/humanize.ts"() {
    "use strict";
    BASE = 1024;
    UNITS = ["B", "KB", "MB", "GB", "TB"];
    NS_PER_US = 1e3;
    NS_PER_MS = 1e6;
    NS_PER_S = 1e9;
  }
});

// src/cli/display/progress.ts
function newStatus(desc) {
  return { desc, text: "", offset: -1, done: false, failed: false, spin: 0, speed: new SpeedWindow() };
}
function render(s2, width, opts) {
  const name = printable(titleOf(s2.desc) ?? s2.desc.mediaType);
  const total = toBytes(s2.desc.size);
  let offset;
  let percent = 0;
  if (s2.done) {
    offset = formatNumber(total.size);
    percent = 1;
  } else if (s2.offset < 0) {
    offset = "-";
  } else if (s2.desc.size === 0) {
    offset = "0";
    percent = 1;
  } else {
    percent = Math.min(1, s2.offset / s2.desc.size);
    offset = roundTo(total.size * percent).toFixed(2);
  }
  let head;
  let headLen;
  if (s2.done) {
    head = paint(opts.color, Ansi.done, "✓");
    headLen = 1;
  } else {
    const mark = s2.failed ? paint(opts.color, Ansi.failure, "✗") : paint(opts.color, Ansi.spinner, SPINNER[s2.spin]);
    s2.spin = (s2.spin + 1) % SPINNER.length;
    const filled = Math.floor(percent * BAR_LENGTH);
    const bar = opts.color ? paint(true, Ansi.bar, " ".repeat(filled)) : "█".repeat(filled);
    let speed = 0;
    if (s2.offset >= 0) {
      s2.speed.add(opts.now, s2.offset);
      speed = s2.speed.mean();
    }
    head = `${mark} [${bar}${".".repeat(BAR_LENGTH - filled)}](${formatBytes(toBytes(Math.max(0, Math.trunc(speed)))).padStart(SPEED_LENGTH)}/s)`;
    headLen = 1 + 2 + BAR_LENGTH + 2 + SPEED_LENGTH + 3;
  }
  let tail = ` ${s2.text} ${name}`;
  let elapsed = "0s";
  if (s2.startTime !== void 0) elapsed = formatDuration((s2.endTime ?? opts.now) - s2.startTime);
  const right = ` ${offset}/${formatBytes(total)} ${(percent * 100).toFixed(2).padStart(6)}% ${elapsed.padStart(6)}`;
  let margin = width - headLen - runes(tail) - runes(right);
  if (margin < 0) {
    const chars = [...tail];
    tail = `${chars.slice(0, Math.max(0, chars.length + margin - 1)).join("")}.`;
    margin = 0;
  }
  const digest = s2.desc.digest.startsWith(PENDING) ? PENDING_TEXT : s2.desc.digest;
  const pad2 = width - digest.length - 5;
  return [`${head}${tail}${" ".repeat(margin)}${right}`, `  └─ ${digest}${pad2 > 0 ? " ".repeat(pad2) : ""}`];
}
function pendingDescriptor(name, size, mediaType) {
  return { mediaType, digest: `${PENDING}${name}`, size, annotations: { "org.opencontainers.image.title": name } };
}
function useColor(env) {
  return !env.NO_COLOR;
}
function startProgress(io, opts = {}) {
  const out = io.stderr;
  const color = opts.color ?? useColor(io.env);
  const statuses = [];
  const active = /* @__PURE__ */ new Map();
  const running = (desc) => active.get(desc.digest) ?? [];
  let stopped = false;
  const size = () => ({ width: Math.max(MIN_WIDTH, out.columns ?? MIN_WIDTH), height: Math.max(MIN_HEIGHT, out.rows ?? MIN_HEIGHT) });
  const draw = () => {
    const { width, height } = size();
    const now = performance.now();
    const count = Math.min(statuses.length, Math.ceil(height / 2));
    const lines = [];
    for (const s2 of statuses.slice(statuses.length - count)) lines.push(...render(s2, width, { color, now }));
    const shown = lines.slice(Math.max(0, lines.length - height));
    let buf = "";
    shown.forEach((line, i) => {
      buf += `\x1B8${Ansi.up(shown.length - i)}${line}${RESET}
${Ansi.eraseTail}`;
    });
    if (buf !== "") out.write(buf);
  };
  const add = (s2) => {
    draw();
    statuses.push(s2);
    out.write(Ansi.newRow + Ansi.newRow);
  };
  out.write(Ansi.save);
  const timer = setInterval(() => {
    if (!stopped) draw();
  }, opts.refreshMs ?? REFRESH_MS);
  timer.unref();
  const progress = {
    start(desc, prompt) {
      if (stopped) return;
      const rows = running(desc);
      if (rows.length > 0) {
        for (const s3 of rows) s3.prompt = prompt;
        return;
      }
      const s2 = newStatus(desc);
      s2.prompt = prompt;
      s2.startTime = performance.now();
      s2.speed.add(s2.startTime, 0);
      active.set(desc.digest, [s2]);
      add(s2);
    },
    onProgress(desc, bytes) {
      for (const s2 of running(desc)) {
        if (s2.offset < 0 && bytes > 0) s2.speed.rebase(bytes);
        s2.text = s2.prompt ?? s2.text;
        s2.offset = bytes;
      }
    },
    done(desc, prompt) {
      if (stopped) return;
      const rows = running(desc);
      if (rows.length === 0) {
        progress.report(desc, prompt);
        return;
      }
      active.delete(desc.digest);
      const now = performance.now();
      for (const s2 of rows) {
        s2.desc = rows.length === 1 ? desc : { ...desc, ...s2.desc.annotations ? { annotations: s2.desc.annotations } : {} };
        s2.text = prompt;
        s2.endTime = now;
        s2.done = true;
      }
    },
    report(desc, prompt) {
      if (stopped) return;
      const s2 = newStatus(desc);
      s2.offset = desc.size;
      s2.text = prompt;
      s2.done = true;
      add(s2);
    },
    resolve(from, to) {
      const rows = running(from);
      active.delete(from.digest);
      for (const s2 of rows) {
        s2.desc = { ...to, ...from.annotations ? { annotations: { ...from.annotations, ...to.annotations } } : {} };
        s2.offset = Math.max(s2.offset, 0);
      }
      if (rows.length > 0) active.set(to.digest, [...running(to), ...rows]);
    },
    has(desc) {
      return running(desc).length > 0;
    },
    stop(failed = false) {
      if (stopped) return;
      const now = performance.now();
      for (const rows of active.values()) {
        for (const s2 of rows) {
          s2.failed = failed;
          s2.endTime = now;
        }
      }
      draw();
      stopped = true;
      clearInterval(timer);
      out.write(Ansi.restore);
    }
  };
  return progress;
}
function trackBytes(progress, prompt) {
  return (desc, bytes) => {
    if (!progress.has(desc)) progress.start(desc, prompt);
    progress.onProgress(desc, bytes);
  };
}
var BAR_LENGTH, SPEED_LENGTH, FRAMES_PER_SECOND, REFRESH_MS, MIN_WIDTH, MIN_HEIGHT, SPINNER, ESC, RESET, Ansi, SpeedWindow, paint, runes, PENDING, PENDING_TEXT;
var init_progress = __esm({
  "src/cli/display/progress.ts"() {
    "use strict";
    init_descriptor();
    init_escape();
    init_humanize();
    init_ingest();
    BAR_LENGTH = 20;
    SPEED_LENGTH = 7;
    FRAMES_PER_SECOND = 5;
    REFRESH_MS = 1e3 / FRAMES_PER_SECOND;
    MIN_WIDTH = 80;
    MIN_HEIGHT = 10;
    SPINNER = [..."⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"];
    ESC = "\x1B[";
    RESET = `${ESC}0m`;
    Ansi = {
      spinner: `${ESC}93m`,
      done: `${ESC}92m`,
      bar: `${ESC}104m`,
      failure: `${ESC}91m`,
      /** Hide the cursor, save its position (DEC). */
      save: `${ESC}?25l\x1B7${RESET}`,
      /** Back to the saved position, one row down, save again. */
      newRow: "\x1B8\n\x1B7",
      /** Back to the saved position, to column 0, clear the line, show the cursor. */
      restore: `\x1B8${ESC}0G${ESC}2K${ESC}?25h`,
      up: (n2) => n2 === 0 ? "" : `${ESC}${n2}F`,
      eraseTail: `${ESC}0K`
    };
    SpeedWindow = class {
      points = [];
      add(time, offset) {
        this.points.push({ time, offset });
        if (this.points.length > FRAMES_PER_SECOND) this.points.shift();
      }
      /** Sets every sample to `offset` (a transfer resumed there: its earlier bytes are not speed). */
      rebase(offset) {
        for (const p of this.points) p.offset = offset;
      }
      /** Bytes per second; 0 before two samples. */
      mean() {
        const first = this.points[0];
        const last = this.points[this.points.length - 1];
        if (this.points.length < 2 || !first || !last || last.time <= first.time) return 0;
        return (last.offset - first.offset) / (last.time - first.time) * 1e3;
      }
    };
    paint = (color, code, s2) => color ? `${code}${s2}${RESET}` : s2;
    runes = (s2) => [...s2].length;
    PENDING = "pending:";
    PENDING_TEXT = "(digest computed while uploading)";
  }
});

// src/cli/io.ts
function programName(io) {
  return io.programName ?? "oras-ts";
}
var init_io = __esm({
  "src/cli/io.ts"() {
    "use strict";
  }
});

// src/cli/options/timeouts.ts
var TIMEOUTS;
var init_timeouts = __esm({
  "src/cli/options/timeouts.ts"() {
    "use strict";
    TIMEOUTS = [
      { key: "connectTimeout", flag: "--connect-timeout", env: "ORAS_TS_CONNECT_TIMEOUT", option: "connectTimeoutMs", default: "30s", help: "time allowed to connect to a registry" },
      { key: "headerTimeout", flag: "--header-timeout", env: "ORAS_TS_HEADER_TIMEOUT", option: "headerTimeoutMs", default: "60s", help: "time a registry may take to start answering a request" },
      { key: "metadataTimeout", flag: "--metadata-timeout", env: "ORAS_TS_METADATA_TIMEOUT", option: "metadataTimeoutMs", default: "60s", help: "time allowed to receive a manifest, tag list or other small reply" },
      {
        key: "metadataIdleTimeout",
        flag: "--metadata-idle-timeout",
        env: "ORAS_TS_METADATA_IDLE_TIMEOUT",
        option: "metadataIdleTimeoutMs",
        default: "30s",
        help: "time a manifest, tag list or other small reply may stall"
      }
    ];
  }
});

// src/cli/help/extras.ts
var EXTRA_TEXT, TIMEOUT_FLAGS, REMOTE_COMMANDS, EXTRA_FLAGS;
var init_extras = __esm({
  "src/cli/help/extras.ts"() {
    "use strict";
    init_timeouts();
    EXTRA_TEXT = {
      serve: {
        use: "serve [flags]",
        short: "Serve an OCI registry (with the referrers API) from a local directory",
        long: `Serve an OCI distribution-spec v1.1 registry (with the referrers API) from a local directory

Each repository is stored as an OCI image layout under the root directory.

Example - Serve the directory './oras-ts-registry' at 127.0.0.1:5000:
  oras serve

Example - Serve a directory read-only at another address:
  oras serve --root /srv/artifacts --addr 127.0.0.1:8080 --read-only

Example - Require credentials from an htpasswd file and serve over TLS:
  oras serve --htpasswd auth.htpasswd --tls-cert cert.pem --tls-key key.pem
`
      }
    };
    TIMEOUT_FLAGS = TIMEOUTS.map((t) => ({
      name: t.flag.slice(2),
      type: "duration",
      def: t.default,
      usage: `${t.help} (env ${t.env}; 0 = none)`
    }));
    REMOTE_COMMANDS = [
      "attach",
      "backup",
      "blob delete",
      "blob fetch",
      "blob push",
      "discover",
      "login",
      "manifest delete",
      "manifest fetch",
      "manifest fetch-config",
      "manifest push",
      "manifest index create",
      "manifest index update",
      "pull",
      "push",
      "repo ls",
      "repo tags",
      "resolve",
      "restore",
      "tag"
    ];
    EXTRA_FLAGS = {
      ...Object.fromEntries(REMOTE_COMMANDS.map((c) => [c, TIMEOUT_FLAGS])),
      "manifest index create": [...TIMEOUT_FLAGS, { name: "no-tty", type: "bool", usage: "[Preview] disable progress bars" }],
      "manifest index update": [...TIMEOUT_FLAGS, { name: "no-tty", type: "bool", usage: "[Preview] disable progress bars" }],
      pull: [
        ...TIMEOUT_FLAGS,
        { name: "max-extract-size", type: "string", usage: "bytes one directory layer may expand to (e.g. 50GiB; 0: no limit); default 1GiB + 100 × its compressed `size`" }
      ],
      push: [...TIMEOUT_FLAGS, { name: "chunk-size", type: "string", usage: "upload blobs in resumable PATCH chunks of this `size` (e.g. 16MiB); default: one PUT per blob" }],
      serve: [
        { name: "addr", type: "string", def: "127.0.0.1:5000", usage: "address to listen on" },
        { name: "root", type: "string", def: "./oras-ts-registry", usage: "storage directory: one OCI image layout per repository" },
        { name: "read-only", type: "bool", usage: "refuse every write" },
        { name: "htpasswd", type: "string", usage: "require Basic credentials from an htpasswd `file` (bcrypt entries)" },
        { name: "tls-cert", type: "string", usage: "serve https with this PEM certificate `file` (with --tls-key)" },
        { name: "tls-key", type: "string", usage: "PEM private key `file` for --tls-cert" },
        { name: "upload-ttl", type: "duration", def: "1h", usage: "delete an upload session (and its data) that received nothing for this long, e.g. 30m, 1h, 2h30m" },
        { name: "max-uploads", type: "int", def: "1024", usage: "upload sessions open at once, all clients together (429 beyond)" },
        { name: "max-uploads-per-client", type: "int", def: "64", usage: "upload sessions one client (remote address; an IPv6 /64) may hold at once (429 beyond)" },
        { name: "request-idle-timeout", type: "duration", def: "60s", usage: "close a connection whose request body or response moves no byte for this long (0s: never)" },
        { name: "min-request-rate", type: "int", def: "1024", usage: "close a connection whose request body arrives slower than this many bytes/s, averaged over each --request-rate-window after the first (0: never)" },
        { name: "request-rate-window", type: "duration", def: "30s", usage: "grace period and averaging window of --min-request-rate" },
        { name: "max-connections", type: "int", def: "1024", usage: "open connections, all clients together (closed at once beyond)" },
        { name: "max-connections-per-client", type: "int", def: "64", usage: "open connections of one client (remote address; an IPv6 /64) (closed at once beyond)" },
        { name: "log-level", type: "string", def: "info", usage: "one of debug, info, warn, error, silent" },
        { name: "debug", short: "d", type: "bool", usage: "log at debug level" }
      ]
    };
  }
});

// src/cli/help/text.ts
var HELP_TEXT;
var init_text = __esm({
  "src/cli/help/text.ts"() {
    "use strict";
    HELP_TEXT = {
      "attach": {
        use: "attach [flags] --artifact-type=<type> <name>{:<tag>|@<digest>} {<file>[:<layer_media_type>]|--annotation <key>=<value>} [...]",
        short: "Attach files to an existing artifact",
        long: `Attach files to an existing artifact

Example - Attach file 'hi.txt' with artifact type 'doc/example' to manifest 'hello:v1' in registry 'localhost:5000':
  oras attach --artifact-type doc/example localhost:5000/hello:v1 hi.txt

Example - Attach file 'hi.txt' to a specific artifact with platform 'linux/amd64' in multi-arch index 'hello:v1'
  oras attach --artifact-type doc/example --platform linux/amd64 localhost:5000/hello:v1 hi.txt

Example - Push file "hi.txt" with the custom layer media type 'application/vnd.me.hi':
  oras attach --artifact-type doc/example localhost:5000/hello:v1 hi.txt:application/vnd.me.hi

Example - Attach file "hi.txt" using a specific method for the Referrers API:
  oras attach --artifact-type doc/example --distribution-spec v1.1-referrers-api localhost:5000/hello:v1 hi.txt # via API
  oras attach --artifact-type doc/example --distribution-spec v1.1-referrers-tag localhost:5000/hello:v1 hi.txt # via tag scheme

Example - Attach file 'hi.txt' and add annotations from file 'annotation.json':
  oras attach --artifact-type doc/example --annotation-file annotation.json localhost:5000/hello:v1 hi.txt

Example - Attach an artifact with manifest annotations:
  oras attach --artifact-type doc/example --annotation "key1=val1" --annotation "key2=val2" localhost:5000/hello:v1

Example - Attach file 'hi.txt' and add manifest annotations:
  oras attach --artifact-type doc/example --annotation "key=val" localhost:5000/hello:v1 hi.txt

Example - [Experimental] Attach file 'hi.txt' and format output in JSON:
  oras attach --artifact-type doc/example localhost:5000/hello:v1 hi.txt --format json

Example - [Experimental] Attach file 'hi.txt' and format output with Go template:
  oras attach --artifact-type doc/example localhost:5000/hello:v1 hi.txt --format go-template --template "{{.digest}}"

Example - Attach file 'hi.txt' and export the pushed manifest to 'manifest.json':
  oras attach --artifact-type doc/example --export-manifest manifest.json localhost:5000/hello:v1 hi.txt

Example - Attach file to the manifest tagged 'v1' in an OCI image layout folder 'layout-dir':
  oras attach --oci-layout --artifact-type doc/example layout-dir:v1 hi.txt

Example - Attach file to the manifest tagged 'example.com:v1' in an OCI image layout folder 'layout-dir':
  oras attach --artifact-type doc/example --oci-layout-path layout-dir example.com:v1 hi.txt

Example - Attach file 'hi.txt' with the custom manifest config "config.json" of the custom media type "application/vnd.me.config":
  oras attach --artifact-type doc/example --config config.json:application/vnd.me.config localhost:5000/hello:v1 hi.txt
`
      },
      "backup": {
        use: "backup [flags] --output <path> <registry>/<repository>[:<ref1>[,<ref2>...]]",
        short: "[Experimental] Back up artifacts from a registry into an OCI image layout",
        long: `[Experimental] Back up artifacts from a registry into an OCI image layout, saved either as a directory or a tar archive.
The output format is determined by the file extension of the specified output path: if it ends with ".tar", the output will be a tar archive; otherwise, it will be a directory.

Example - Back up a single artifact to a directory:
  oras backup --output hello localhost:5000/hello:v1

Example - Back up to a tar archive:
  oras backup --output hello.tar localhost:5000/hello:v1

Example - Back up an artifact along with its referrers (e.g. attestations, SBOMs):
  oras backup --output hello --include-referrers localhost:5000/hello:v1

Example - Back up multiple specific tags:
  oras backup --output hello localhost:5000/hello:v1,v2,v3

Example - Back up all tagged artifacts in a repository:
  oras backup --output hello localhost:5000/hello

Example - Use Referrers API for discovering referrers:
  oras backup --output hello --include-referrers --distribution-spec v1.1-referrers-api localhost:5000/hello:v1

Example - Use Referrers Tag Schema for discovering referrers:
  oras backup --output hello --include-referrers --distribution-spec v1.1-referrers-tag localhost:5000/hello:v1

Example - Back up from an insecure registry:
  oras backup --output hello --insecure localhost:5000/hello:v1

Example - Back up from a registry using plain HTTP (no TLS):
  oras backup --output hello --plain-http localhost:5000/hello:v1

Example - Set custom concurrency level:
  oras backup --output hello --concurrency 6 localhost:5000/hello:v1
`
      },
      "cp": {
        use: "cp [flags] <from>{:<tag>|@<digest>} <to>[:<tag>[,<tag>][...]]",
        short: "Copy artifacts from one target to another",
        long: `Copy artifacts from one target to another. When copying an image index, all of its manifests will be copied

Example - Copy an artifact between registries:
  oras cp localhost:5000/net-monitor:v1 localhost:6000/net-monitor-copy:v1

Example - Download an artifact into an OCI image layout folder:
  oras cp --to-oci-layout localhost:5000/net-monitor:v1 ./downloaded:v1

Example - Upload an artifact from an OCI image layout folder:
  oras cp --from-oci-layout ./to-upload:v1 localhost:5000/net-monitor:v1

Example - Upload an artifact from an OCI layout tar archive:
  oras cp --from-oci-layout ./to-upload.tar:v1 localhost:5000/net-monitor:v1

Example - Copy an artifact and its referrers:
  oras cp -r localhost:5000/net-monitor:v1 localhost:6000/net-monitor-copy:v1

Example - Copy an artifact and referrers using specific methods for the Referrers API:
  oras cp -r --from-distribution-spec v1.1-referrers-api --to-distribution-spec v1.1-referrers-tag \\
    localhost:5000/net-monitor:v1 localhost:6000/net-monitor-copy:v1

Example - Copy certain platform of an artifact:
  oras cp --platform linux/arm/v5 localhost:5000/net-monitor:v1 localhost:6000/net-monitor-copy:v1

Example - Copy an artifact with multiple tags:
  oras cp localhost:5000/net-monitor:v1 localhost:6000/net-monitor-copy:tag1,tag2,tag3

Example - Copy an artifact with multiple tags with concurrency tuned:
  oras cp --concurrency 10 localhost:5000/net-monitor:v1 localhost:5000/net-monitor-copy:tag1,tag2,tag3
`,
        aliases: ["copy"]
      },
      "discover": {
        use: "discover [flags] <name>{:<tag>|@<digest>}",
        short: "[Preview] Discover referrers of a manifest in a registry or an OCI image layout",
        long: `[Preview] Discover referrers of a manifest in a registry or an OCI image layout

** This command is in preview and under development. **

Example - Discover referrers of manifest 'hello:v1' in registry 'localhost:5000', displayed in a tree view:
  oras discover localhost:5000/hello:v1

Example - Discover referrers via referrers API:
  oras discover --distribution-spec v1.1-referrers-api localhost:5000/hello:v1

Example - Discover referrers via tag scheme:
  oras discover --distribution-spec v1.1-referrers-tag localhost:5000/hello:v1

Example - [Experimental] Discover referrers and display in a table view:
  oras discover localhost:5000/hello:v1 --format table

Example - [Experimental] Discover referrers and format output with Go template:
  oras discover localhost:5000/hello:v1 --format go-template --template "{{.referrers}}"

Example - [Experimental] Discover only direct referrers, displayed in json view:
  oras discover localhost:5000/hello:v1 --format json --depth 1

Example - Discover referrers with type 'test-artifact' of manifest 'hello:v1' in registry 'localhost:5000':
  oras discover --artifact-type test-artifact localhost:5000/hello:v1

Example - Discover referrers of the manifest tagged 'v1' in an OCI image layout folder 'layout-dir':
  oras discover --oci-layout layout-dir:v1

Example - Discover referrers of the manifest tagged 'example.com:v1' in an OCI image layout folder 'layout-dir':
  oras discover example.com:v1 --oci-layout-path layout-dir
`
      },
      "login": {
        use: "login [flags] <registry>",
        short: "Log in to a remote registry",
        long: `Log in to a remote registry

Example - Log in with username and password from command line flags:
  oras login -u username -p password localhost:5000

Example - Log in with username and password from stdin:
  oras login -u username --password-stdin localhost:5000

Example - Log in with identity token from command line flags:
  oras login --identity-token token localhost:5000

Example - Log in with identity token from stdin:
  oras login --identity-token-stdin localhost:5000

Example - Log in with username and password in an interactive terminal:
  oras login localhost:5000

Example - Log in with username and password in an interactive terminal and no TLS check:
  oras login --insecure localhost:5000
`
      },
      "logout": {
        use: "logout [flags] <registry>",
        short: "Log out from a remote registry",
        long: `Log out from a remote registry

Example - Log out from a registry:
  oras logout localhost:5000

Example - Log out from a registry with a custom auth config path:
  oras logout --registry-config ~/.config/oras/auth.json localhost:5000
`
      },
      "pull": {
        use: "pull [flags] <name>{:<tag>|@<digest>}",
        short: "Pull files from a registry or an OCI image layout",
        long: `Pull files from a registry or an OCI image layout

Example - Pull artifact files from a registry:
  oras pull localhost:5000/hello:v1

Example - Recursively pulling all files from a registry, including subjects of hello:v1:
  oras pull --include-subject localhost:5000/hello:v1

Example - Pull files from an insecure registry:
  oras pull --insecure localhost:5000/hello:v1

Example - Pull files from the HTTP registry:
  oras pull --plain-http localhost:5000/hello:v1

Example - Pull files from a registry with local cache:
  export ORAS_CACHE=~/.oras/cache
  oras pull localhost:5000/hello:v1

Example - Pull files from a registry with certain platform:
  oras pull --platform linux/arm/v5 localhost:5000/hello:v1

Example - Pull all files with concurrency level tuned:
  oras pull --concurrency 6 localhost:5000/hello:v1

Example - [Experimental] Pull files and format output in JSON:
  oras pull localhost:5000/hello:v1 --format json

Example - [Experimental] Pull files and format output with Go template:
  oras pull localhost:5000/hello:v1 --format go-template="{{.reference}}"

Example - Pull artifact files from an OCI image layout folder 'layout-dir':
  oras pull --oci-layout layout-dir:v1

Example - Pull artifact files from an OCI layout archive 'layout.tar':
  oras pull --oci-layout layout.tar:v1

Example - Pull artifact files tagged 'example.com:v1' from an OCI image layout folder 'layout-dir':
  oras pull example.com:v1 --oci-layout-path layout-dir
`
      },
      "push": {
        use: "push [flags] <name>[:<tag>[,<tag>][...]] <file>[:<type>] [...]",
        short: "Push files to a registry or an OCI image layout",
        long: `Push files to a registry or an OCI image layout

Example - Push file "hi.txt" with media type "application/vnd.oci.image.layer.v1.tar" (default):
  oras push localhost:5000/hello:v1 hi.txt

Example - Push file "hi.txt" and export the pushed manifest to a specified path:
  oras push --export-manifest manifest.json localhost:5000/hello:v1 hi.txt

Example - Push file "hi.txt" with the custom media type "application/vnd.me.hi":
  oras push localhost:5000/hello:v1 hi.txt:application/vnd.me.hi

Example - Push multiple files with different media types:
  oras push localhost:5000/hello:v1 hi.txt:application/vnd.me.hi bye.txt:application/vnd.me.bye

Example - Push file with colon in name "hi:txt" with the default media type:
  oras push localhost:5000/hello:v1 hi:txt:

Example - Push file "hi.txt" with artifact type "application/vnd.example+type":
  oras push --artifact-type application/vnd.example+type localhost:5000/hello:v1 hi.txt

Example - Push file "hi.txt" with config type "application/vnd.me.config":
  oras push --image-spec v1.0 --artifact-type application/vnd.me.config localhost:5000/hello:v1 hi.txt

Example - Push file "hi.txt" with the custom manifest config "config.json" of the custom media type "application/vnd.me.config":
  oras push --config config.json:application/vnd.me.config localhost:5000/hello:v1 hi.txt

Example - [Experimental] Push file "hi.txt" and format output in JSON:
  oras push localhost:5000/hello:v1 hi.txt --format json

Example - [Experimental] Push file "hi.txt" and format output with Go template:
  oras push localhost:5000/hello:v1 hi.txt --format go-template="{{.digest}}"

Example - Push file to the insecure registry:
  oras push --insecure localhost:5000/hello:v1 hi.txt

Example - Push file to the HTTP registry:
  oras push --plain-http localhost:5000/hello:v1 hi.txt

Example - Push repository with manifest annotations:
  oras push --annotation "key=val" localhost:5000/hello:v1

Example - Push repository with manifest annotation file:
  oras push --annotation-file annotation.json localhost:5000/hello:v1

Example - [Experimental] Push artifact to repository with platform:
  oras push --artifact-platform linux/arm/v5 localhost:5000/hello:v1

Example - Push file "hi.txt" with multiple tags:
  oras push localhost:5000/hello:tag1,tag2,tag3 hi.txt

Example - Push file "hi.txt" with multiple tags and concurrency level tuned:
  oras push --concurrency 6 localhost:5000/hello:tag1,tag2,tag3 hi.txt

Example - Push file "hi.txt" into an OCI image layout folder 'layout-dir' with tag 'test':
  oras push --oci-layout layout-dir:test hi.txt

Example - Push file "hi.txt" into an OCI image layout folder 'layout-dir' with tag 'example.com:test':
  oras push example.com:test hi.txt --oci-layout-path layout-dir
`
      },
      "resolve": {
        use: "resolve [flags] <name>{:<tag>|@<digest>}",
        short: "[Preview] Resolves digest of the target artifact",
        long: `[Preview] Resolves digest of the target artifact

Example - Resolve digest of the target artifact:
  oras resolve localhost:5000/hello-world:v1
`,
        aliases: ["digest"]
      },
      "restore": {
        use: "restore [flags] --input <path> <registry>/<repository>[:<ref1>[,<ref2>...]]",
        short: "[Experimental] Restore artifacts to a registry from an OCI image layout",
        long: `[Experimental] Restore artifacts to a registry from an OCI image layout, which can be either a directory or a tar archive.

Example - Restore a single artifact from a tar archive:
  oras restore --input hello.tar localhost:5000/hello:v1

Example - Restore a single artifact from a directory:
  oras restore --input hello localhost:5000/hello:v1

Example - Perform a dry run without actually uploading artifacts:
  oras restore --input hello --dry-run localhost:5000/hello:v1

Example - Restore multiple specific tags:
  oras restore --input hello localhost:5000/hello:v1,v2

Example - Restore all tagged artifacts:
  oras restore --input hello localhost:5000/hello

Example - Exclude referrers when restoring artifacts:
  oras restore --input hello --exclude-referrers localhost:5000/hello

Example - Use Referrers API for discovering referrers:
  oras restore --input hello --distribution-spec v1.1-referrers-api localhost:5000/hello

Example - Use Referrers Tag Schema for discovering referrers:
  oras restore --input hello --distribution-spec v1.1-referrers-tag localhost:5000/hello

Example - Restore to an insecure registry:
  oras restore --input hello --insecure localhost:5000/hello:v1

Example - Restore to a plain HTTP registry (no TLS):
  oras restore --input hello --plain-http localhost:5000/hello:v1

Example - Set custom concurrency level:
  oras restore --input hello --concurrency 6 localhost:5000/hello:v1
`
      },
      "tag": {
        use: "tag [flags] <name>{:<tag>|@<digest>} <new_tag> [...]",
        short: "Tag a manifest in a registry or an OCI image layout",
        long: `Tag a manifest in a registry or an OCI image layout

Example - Tag the manifest 'v1.0.1' in 'localhost:5000/hello' to 'v1.0.2':
  oras tag localhost:5000/hello:v1.0.1 v1.0.2

Example - Tag the manifest with digest sha256:9463e0d192846bc994279417b50114606712d516aab45f4d8b31cbc6e46aad71 to 'v1.0.2'
  oras tag localhost:5000/hello@sha256:9463e0d192846bc994279417b50114606712d516aab45f4d8b31cbc6e46aad71 v1.0.2

Example - Tag the manifest 'v1.0.1' in 'localhost:5000/hello' to 'v1.0.2', 'latest'
  oras tag localhost:5000/hello:v1.0.1 v1.0.2 latest

Example - Tag the manifest 'v1.0.1' in 'localhost:5000/hello' to 'v1.0.1', 'v1.0.2', 'latest' with concurrency level tuned:
  oras tag --concurrency 1 localhost:5000/hello:v1.0.1 v1.0.2 latest

Example - Tag the manifest 'v1.0.1' to 'v1.0.2' in an OCI image layout folder 'layout-dir':
  oras tag --oci-layout layout-dir:v1.0.1 v1.0.2
`
      },
      "version": {
        use: "version",
        short: "Show the oras version information",
        long: `Show the oras version information

Example - print version:
  oras version
`
      },
      "blob": {
        use: "blob [command]",
        short: "Blob operations"
      },
      "blob delete": {
        use: "delete [flags] <name>@<digest>",
        short: "Delete a blob from a remote registry",
        long: `Delete a blob from a remote registry

Example - Delete a blob:
  oras blob delete localhost:5000/hello@sha256:9a201d228ebd966211f7d1131be19f152be428bd373a92071c71d8deaf83b3e5

Example - Delete a blob without prompting confirmation:
  oras blob delete --force localhost:5000/hello@sha256:9a201d228ebd966211f7d1131be19f152be428bd373a92071c71d8deaf83b3e5

Example - Delete a blob and print its descriptor:
  oras blob delete --descriptor --force localhost:5000/hello@sha256:9a201d228ebd966211f7d1131be19f152be428bd373a92071c71d8deaf83b3e5
  `,
        aliases: ["remove", "rm"]
      },
      "blob fetch": {
        use: "fetch [flags] {--output <file> | --descriptor} <name>@<digest>",
        short: "Fetch a blob from a registry or an OCI image layout",
        long: `Fetch a blob from a registry or an OCI image layout

Example - Fetch a blob from registry and save it to a local file:
  oras blob fetch --output blob.tar.gz localhost:5000/hello@sha256:9a201d228ebd966211f7d1131be19f152be428bd373a92071c71d8deaf83b3e5

Example - Fetch a blob from registry and print the raw blob content:
  oras blob fetch --output - localhost:5000/hello@sha256:9a201d228ebd966211f7d1131be19f152be428bd373a92071c71d8deaf83b3e5

Example - Fetch and print the descriptor of a blob:
  oras blob fetch --descriptor localhost:5000/hello@sha256:9a201d228ebd966211f7d1131be19f152be428bd373a92071c71d8deaf83b3e5

Example - Fetch a blob, save it to a local file and print the descriptor:
  oras blob fetch --output blob.tar.gz --descriptor localhost:5000/hello@sha256:9a201d228ebd966211f7d1131be19f152be428bd373a92071c71d8deaf83b3e5

Example - Fetch and print a blob from OCI image layout folder 'layout-dir':
  oras blob fetch --oci-layout --output - layout-dir@sha256:9a201d228ebd966211f7d1131be19f152be428bd373a92071c71d8deaf83b3e5

Example - Fetch and print a blob from OCI image layout archive file 'layout.tar':
  oras blob fetch --oci-layout --output - layout.tar@sha256:9a201d228ebd966211f7d1131be19f152be428bd373a92071c71d8deaf83b3e5
`,
        aliases: ["get"]
      },
      "blob push": {
        use: "push [flags] <name>[@digest] <file>",
        short: "Push a blob to a registry or an OCI image layout",
        long: `Push a blob to a registry or an OCI image layout

Example - Push blob 'hi.txt' to a registry:
  oras blob push localhost:5000/hello hi.txt

Example - Push blob 'hi.txt' with the specific digest:
  oras blob push localhost:5000/hello@sha256:9a201d228ebd966211f7d1131be19f152be428bd373a92071c71d8deaf83b3e5 hi.txt

Example - Push blob from stdin with blob size and digest:
  oras blob push --size 12 localhost:5000/hello@sha256:9a201d228ebd966211f7d1131be19f152be428bd373a92071c71d8deaf83b3e5 -

Example - Push blob 'hi.txt' and output the descriptor:
  oras blob push --descriptor localhost:5000/hello hi.txt

Example - Push blob 'hi.txt' with the specific returned media type in the descriptor:
  oras blob push --media-type application/vnd.oci.image.config.v1+json --descriptor localhost:5000/hello hi.txt

Example - Push blob 'hi.txt' and output the prettified descriptor:
  oras blob push --descriptor --pretty localhost:5000/hello hi.txt

Example - Push blob without TLS:
  oras blob push --insecure localhost:5000/hello hi.txt

Example - Push blob 'hi.txt' into an OCI image layout folder 'layout-dir':
  oras blob push --oci-layout layout-dir hi.txt
`
      },
      "manifest": {
        use: "manifest [command]",
        short: "Manifest operations"
      },
      "manifest delete": {
        use: "delete [flags] <name>{:<tag>|@<digest>}",
        short: "Delete a manifest from remote registry",
        long: `Delete a manifest from remote registry

Example - Delete a manifest tagged with 'v1' from repository 'localhost:5000/hello':
  oras manifest delete localhost:5000/hello:v1

Example - Delete a manifest without prompting confirmation:
  oras manifest delete --force localhost:5000/hello:v1

Example - Delete a manifest and print its descriptor:
  oras manifest delete --descriptor localhost:5000/hello:v1

Example - Delete a manifest by digest 'sha256:99e4703fbf30916f549cd6bfa9cdbab614b5392fbe64fdee971359a77073cdf9' from repository 'localhost:5000/hello':
  oras manifest delete localhost:5000/hello@sha:99e4703fbf30916f549cd6bfa9cdbab614b5392fbe64fdee971359a77073cdf9
`,
        aliases: ["remove", "rm"]
      },
      "manifest fetch": {
        use: "fetch [flags] <name>{:<tag>|@<digest>}",
        short: "Fetch manifest of the target artifact",
        long: `Fetch manifest of the target artifact

Example - Fetch raw manifest from a registry:
  oras manifest fetch localhost:5000/hello:v1

Example - Fetch the descriptor of a manifest from a registry:
  oras manifest fetch --descriptor localhost:5000/hello:v1

Example - [Experimental] Fetch the manifest digest from a registry similar to the resolve command:
  oras manifest fetch --format go-template --template '{{ .digest }}' localhost:5000/hello:v1

Example - [Experimental] Fetch manifest and output metadata encoded in JSON:
  oras manifest fetch localhost:5000/hello:v1 --format json

Example - Fetch manifest from a registry with specified media type:
  oras manifest fetch --media-type 'application/vnd.oci.image.manifest.v1+json' localhost:5000/hello:v1

Example - Fetch manifest from a registry with certain platform:
  oras manifest fetch --platform 'linux/arm/v5' localhost:5000/hello:v1

Example - Fetch manifest from a registry with prettified json result:
  oras manifest fetch --pretty localhost:5000/hello:v1

Example - Fetch raw manifest from an OCI image layout folder 'layout-dir':
  oras manifest fetch --oci-layout layout-dir:v1

Example - Fetch raw manifest from an OCI layout archive file 'layout.tar':
  oras manifest fetch --oci-layout layout.tar:v1

Example - Fetch raw manifest tagged 'example.com:v1' from an OCI image layout folder 'layout-dir':
  oras manifest fetch example.com:v1 --oci-layout-path layout-dir
`,
        aliases: ["get", "show"]
      },
      "manifest fetch-config": {
        use: "fetch-config [flags] <name>{:<tag>|@<digest>}",
        short: "Fetch the config of a manifest from a registry or an OCI image layout",
        long: `Fetch the config of a manifest from a registry or an OCI image layout

Example - Fetch the config:
  oras manifest fetch-config localhost:5000/hello:v1

Example - Fetch the config of certain platform:
  oras manifest fetch-config --platform 'linux/arm/v5' localhost:5000/hello:v1

Example - Fetch and print the prettified config:
  oras manifest fetch-config --pretty localhost:5000/hello:v1

Example - Fetch the config and save it to a local file:
  oras manifest fetch-config --output config.json localhost:5000/hello:v1

Example - Fetch the descriptor of the config:
  oras manifest fetch-config --descriptor localhost:5000/hello:v1

Example - Fetch and print the prettified descriptor of the config:
  oras manifest fetch-config --descriptor --pretty localhost:5000/hello:v1
`,
        aliases: ["get-config"]
      },
      "manifest push": {
        use: "push [flags] <name>[:<tag>[,<tag>][...]|@<digest>] <file>",
        short: "Push a manifest to a registry or an OCI image layout",
        long: `Push a manifest to a registry or an OCI image layout

Example - Push a manifest to repository 'localhost:5000/hello' and tag with 'v1':
  oras manifest push localhost:5000/hello:v1 manifest.json

Example - Push a manifest using a specific method for the Referrers API:
  oras manifest push --distribution-spec v1.1-referrers-api localhost:5000/hello:v1 manifest.json
  oras manifest push --distribution-spec v1.1-referrers-tag localhost:5000/hello:v1 manifest.json

Example - Push a manifest with content read from stdin:
  oras manifest push localhost:5000/hello:v1 -

Example - Push a manifest and output its descriptor:
  oras manifest push --descriptor localhost:5000/hello:v1 manifest.json

Example - Push a manifest to repository 'localhost:5000/hello' and output the prettified descriptor:
  oras manifest push --descriptor --pretty localhost:5000/hello manifest.json

Example - Push a manifest with specified media type to repository 'localhost:5000/hello' and tag with 'v1':
  oras manifest push --media-type application/vnd.cncf.oras.artifact.manifest.v1+json localhost:5000/hello:v1 oras_manifest.json

Example - Push a manifest to repository 'localhost:5000/hello' and tag with 'tag1', 'tag2', 'tag3':
  oras manifest push localhost:5000/hello:tag1,tag2,tag3 manifest.json

Example - Push a manifest to repository 'localhost:5000/hello' and tag with 'tag1', 'tag2', 'tag3' and concurrency level tuned:
  oras manifest push --concurrency 6 localhost:5000/hello:tag1,tag2,tag3 manifest.json

Example - Push a manifest to an OCI image layout folder 'layout-dir' and tag with 'v1':
  oras manifest push --oci-layout layout-dir:v1 manifest.json

Example - Push a manifest to an OCI image layout folder 'layout-dir' and tag with 'example.com:v1':
  oras manifest push example.com:v1 manifest.json --oci-layout-path layout-dir
`
      },
      "manifest index": {
        use: "index [command]",
        short: "[Experimental] Index operations"
      },
      "manifest index create": {
        use: "create [flags] <target>[:<tag[,<tag>][...]] <sources>[{<tag>|<digest>}...]",
        short: "[Experimental] Create and push an index from provided manifests",
        long: `[Experimental] Create and push an index from provided manifests. All manifests should be in the same repository

Example - Create an index from source manifests tagged 'linux-amd64' and 'linux-arm64', and push without tagging:
  oras manifest index create localhost:5000/hello linux-amd64 linux-arm64

Example - Create an index from source manifests tagged 'linux-amd64' and 'linux-arm64', and push with the tag 'v1':
  oras manifest index create localhost:5000/hello:v1 linux-amd64 linux-arm64

Example - Create an index from source manifests using both tags and digests, and push with tag 'v1':
  oras manifest index create localhost:5000/hello:v1 linux-amd64 sha256:99e4703fbf30916f549cd6bfa9cdbab614b5392fbe64fdee971359a77073cdf9

Example - Create an index and push it with multiple tags:
  oras manifest index create localhost:5000/hello:tag1,tag2,tag3 linux-amd64 linux-arm64 sha256:99e4703fbf30916f549cd6bfa9cdbab614b5392fbe64fdee971359a77073cdf9

Example - Create and push an index with annotations:
  oras manifest index create localhost:5000/hello:v1 linux-amd64 --annotation "key=val"

Example - Create an index with a specified artifact type:
  oras manifest index create --artifact-type="application/vnd.example+type" localhost:5000/hello linux-amd64

Example - Create an index and push to an OCI image layout folder 'layout-dir' and tag with 'v1':
  oras manifest index create layout-dir:v1 linux-amd64 sha256:99e4703fbf30916f549cd6bfa9cdbab614b5392fbe64fdee971359a77073cdf9 --oci-layout

Example - Create an index and save it locally to index.json, auto push will be disabled:
  oras manifest index create localhost:5000/hello linux-amd64 linux-arm64 --output index.json

Example - Create an index and output the index to stdout, auto push will be disabled:
  oras manifest index create localhost:5000/hello linux-arm64 --output - --pretty
`,
        aliases: ["pack"]
      },
      "manifest index update": {
        use: "update <index>{:<tag>|@<digest>} [{--add|--merge|--remove} <manifest>{<tag>|<digest>}] [...]",
        short: "[Experimental] Update and push an image index",
        long: `[Experimental] Update and push an image index. All manifests should be in the same repository

Example - Remove a manifest and add two manifests from an index tagged 'v1'. The tag will point to the updated index:
  oras manifest index update localhost:5000/hello:v1 --add linux-amd64 --add linux-arm64 --remove sha256:99e4703fbf30916f549cd6bfa9cdbab614b5392fbe64fdee971359a77073cdf9

Example - Create a new index by updating an existing index specified by its digest:
  oras manifest index update localhost:5000/hello@sha256:99e4703fbf30916f549cd6bfa9cdbab614b5392fbe64fdee971359a77073cdf9 --add linux-amd64 --remove sha256:fd6ed2f36b5465244d5dc86cb4e7df0ab8a9d24adc57825099f522fe009a22bb

Example - Merge manifests from the index 'v2-windows' to the index 'v2':
  oras manifest index update localhost:5000/hello:v2 --merge v2-windows

Example - Update an index and tag the updated index as 'v2.1.0' and 'v2':
  oras manifest index update localhost:5000/hello@sha256:99e4703fbf30916f549cd6bfa9cdbab614b5392fbe64fdee971359a77073cdf9 --add linux-amd64 --tag "v2.1.0" --tag "v2"

Example - Update an index and push to an OCI image layout folder 'layout-dir' and tag with 'v2':
  oras manifest index update layout-dir@99e4703fbf30916f549cd6bfa9cdbab614b5392fbe64fdee971359a77073cdf9 --add linux-arm64 --tag "v2" --oci-layout

Example - Update an index and save it locally to index.json, auto push will be disabled:
  oras manifest index update localhost:5000/hello:v2 --add v2-linux-amd64 --output index.json

Example - Update an index and output the index to stdout, auto push will be disabled:
  oras manifest index update localhost:5000/hello:v2 --remove sha256:99e4703fbf30916f549cd6bfa9cdbab614b5392fbe64fdee971359a77073cdf9 --output - --pretty

Example - Update an index to use a different artifact type:
  oras manifest index update localhost:5000/hello:v1 --artifact-type="application/vnd.example+type"

Example - Update an index to remove any existing artifact type:
  oras manifest index update localhost:5000/hello:v1 --artifact-type=""
  `
      },
      "repo": {
        use: "repo [command]",
        short: "Repository operations",
        aliases: ["repository"]
      },
      "repo ls": {
        use: "ls [flags] <registry>",
        short: "List the repositories under the registry",
        long: `List the repositories under the registry

Example - List the repositories under the registry:
  oras repo ls localhost:5000

Example - List the repositories under a namespace in the registry:
  oras repo ls localhost:5000/example-namespace

Example - List the repositories under the registry that include values lexically after last:
  oras repo ls --last "last_repo" localhost:5000

Example - [Experimental] List the repositories under the registry in JSON format:
  oras repo ls localhost:5000 --format json

Example - [Experimental] List the repositories under the registry using the given Go template:
  oras repo ls localhost:5000 --format go-template --template "{{.repositories}}"
`,
        aliases: ["list"]
      },
      "repo tags": {
        use: "tags [flags] <name>",
        short: "Show tags of the target repository",
        long: `Show tags of the target repository

Example - Show tags of the target repository:
  oras repo tags localhost:5000/hello

Example - Show tags in the target repository with digest-like tags hidden:
  oras repo tags --exclude-digest-tags localhost:5000/hello

Example - Show tags of the target repository that include values lexically after last:
  oras repo tags --last "last_tag" localhost:5000/hello

Example - Show tags of the target OCI image layout folder 'layout-dir':
  oras repo tags --oci-layout layout-dir

Example - Show tags of the target OCI layout archive 'layout.tar':
  oras repo tags --oci-layout layout.tar

Example - [Experimental] Show tags associated with a particular tagged resource:
  oras repo tags localhost:5000/hello:latest

Example - [Experimental] Show tags associated with a digest:
  oras repo tags localhost:5000/hello@sha256:c551125a624189cece9135981621f3f3144564ddabe14b523507bf74c2281d9b

Example - [Experimental] Show tags of the target repository in JSON format:
  oras repo tags localhost:5000/hello --format json

Example - [Experimental] Show tags of the target repository using the given Go template:
  oras repo tags localhost:5000/hello --format go-template --template "{{.tags}}"

Example - [Experimental] Show tags of a specific repository in OCI layout:
  oras repo tags --oci-layout-path layout-dir localhost:5000/hello
`,
        aliases: ["show-tags"]
      }
    };
  }
});

// src/cli/options/common.ts
function addCommonFlags(cmd, opts = {}) {
  cmd.option("-d, --debug", "output debug logs (implies --no-tty)");
  cmd.addOption(new Option("-v, --verbose", "[Deprecated] print status output for unnamed blobs").default(opts.verboseDefault ?? false));
  cmd.addOption(new Option("--no-verbose").hideHelp());
  if (opts.tty !== false) cmd.option("--no-tty", "[Preview] do not show progress output");
  return cmd;
}
function useTTY(flags, io) {
  return Boolean(io.stderr.isTTY) && flags.tty !== false && !flags.debug;
}
function collect(value, previous) {
  return [...previous ?? [], value];
}
function parseConcurrency(value) {
  if (!/^[+-]?\d+$/.test(value)) {
    throw new OrasError("INVALID_ARGUMENT", `invalid argument "${value}" for "--concurrency" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  }
  const n2 = Number(value);
  if (!Number.isSafeInteger(n2)) throw new OrasError("INVALID_ARGUMENT", `invalid argument "${value}" for "--concurrency" flag: strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`);
  return n2 <= 0 ? DEFAULT_COPY_CONCURRENCY : n2;
}
async function readSecretFromStdin(io) {
  const chunks = [];
  for await (const c of io.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  let s2 = Buffer.concat(chunks).toString("utf8");
  if (s2.endsWith("\n")) s2 = s2.slice(0, -1);
  if (s2.endsWith("\r")) s2 = s2.slice(0, -1);
  return s2;
}
function usageLine(io, path) {
  const prog = programName(io);
  const use = HELP_TEXT[path]?.use ?? EXTRA_TEXT[path]?.use ?? path;
  const parent = path.includes(" ") ? ` ${path.slice(0, path.lastIndexOf(" "))}` : "";
  return `${prog}${parent} ${use}`;
}
function checkArgs(io, path, args, min, max) {
  if (args.length >= min && args.length <= max) return;
  const prog = programName(io);
  const text = min === max ? `exactly ${min} argument` : `at least ${min} argument`;
  throw new OrasError("INVALID_ARGUMENT", `"${prog} ${path}" requires ${text} but got ${args.length}`, {
    hint: `Usage: ${usageLine(io, path)}
Please specify ${text} as ${ARGUMENTS[path] ?? "the arguments"}. Run "${prog} ${path} -h" for more options and examples`
  });
}
function hintForProgram(err, io) {
  if (!OrasError.is(err) || err.hint === void 0 || !err.hint.includes('"oras ')) return err;
  const prog = programName(io);
  if (prog === "oras") return err;
  return new OrasError(err.code, err.message, { cause: err, hint: err.hint.replace(/"oras /g, `"${prog} `) });
}
var DEFAULT_COPY_CONCURRENCY, ARGUMENTS;
var init_common = __esm({
  "src/cli/options/common.ts"() {
    "use strict";
    init_esm();
    init_errors();
    init_extras();
    init_text();
    init_io();
    DEFAULT_COPY_CONCURRENCY = 3;
    ARGUMENTS = {
      attach: "the destination artifact for attaching.",
      backup: "the artifacts to back up",
      "blob delete": "the target blob to delete",
      "blob fetch": "the target blob to fetch",
      "blob push": "the destination to push to and the file to read blob content from",
      cp: "the source and destination for copying",
      discover: "the target artifact to discover referrers from",
      login: "the registry to log in to",
      logout: "the registry you want to log out",
      "manifest delete": "the manifest to delete",
      "manifest fetch": "the manifest to fetch",
      "manifest fetch-config": "the manifest config to fetch",
      "manifest index create": "the destination index to create.",
      "manifest index update": "the target index to update",
      "manifest push": "the destination to push to and the file to read manifest content from",
      pull: "the artifact reference you want to pull",
      push: "the destination for pushing",
      "repo ls": "the target registry to list repositories from",
      "repo tags": "the target repository to list tags from",
      resolve: "the target artifact reference to resolve",
      restore: "the targets to restore to",
      serve: "no arguments",
      tag: "the artifact to be retagged and the tags to be added"
    };
  }
});

// src/cli/options/distribution.ts
function addDistributionSpecFlag(cmd, description = "") {
  return cmd.option(
    "--distribution-spec <spec>",
    `[Preview] set OCI distribution spec version and API option for ${description}target. Options: ${DISTRIBUTION_SPEC_TAG}, ${DISTRIBUTION_SPEC_API}`
  );
}
function parseDistributionSpec(value) {
  if (value === void 0) return void 0;
  if (value === DISTRIBUTION_SPEC_TAG) return "unsupported";
  if (value === DISTRIBUTION_SPEC_API) return "supported";
  throw new OrasError("INVALID_ARGUMENT", `unknown distribution specification flag: ${value}`, {
    hint: `Available options: ${DISTRIBUTION_SPEC_TAG}, ${DISTRIBUTION_SPEC_API}`
  });
}
function addDescriptorFlags(cmd, pretty = true) {
  cmd.option("--descriptor", "print descriptor instead of content");
  if (pretty) cmd.option("--pretty", "prettify JSON objects printed to stdout");
  return cmd;
}
function printJSON(io, json, pretty) {
  if (pretty) {
    io.stdout.write(prettyJSON(typeof json === "string" ? json : Buffer.from(json).toString("utf8")));
  } else {
    io.stdout.write(typeof json === "string" ? json : Buffer.from(json));
  }
}
function printDescriptor(io, desc, pretty) {
  printJSON(io, encodeDescriptor(desc), pretty);
}
function addConfirmationFlag(cmd) {
  return cmd.option("-f, --force", "ignore nonexistent references, never prompt");
}
async function readLine(io) {
  let text = "";
  const stdin = io.stdin;
  for await (const chunk of stdin) {
    text += Buffer.isBuffer(chunk) ? chunk.toString("utf8") : String(chunk);
    const nl = text.indexOf("\n");
    if (nl >= 0) {
      text = text.slice(0, nl);
      break;
    }
  }
  return text.replace(/\r$/, "");
}
async function askForConfirmation(io, flags, prompt) {
  if (flags.force) return true;
  io.stdout.write(`${prompt} [y/N] `);
  const answer = (await readLine(io)).toLowerCase();
  if (answer === "y" || answer === "yes") return true;
  io.stdout.write("Operation cancelled.\n");
  return false;
}
function ensureReference(t, cmdPath, use, allowTag = true) {
  if (t.reference !== "") return;
  const form = allowTag ? `"<name>:<tag>" or "<name>@<digest>"` : `"<name>@<digest>"`;
  throw new OrasError("INVALID_REFERENCE", `"${t.raw}": ${allowTag ? "no tag or digest specified" : "no digest specified"}`, {
    hint: `Usage: ${use}
Please specify a reference in the form of ${form}. Run "${cmdPath} -h" for more options and examples`
  });
}
var DISTRIBUTION_SPEC_TAG, DISTRIBUTION_SPEC_API;
var init_distribution = __esm({
  "src/cli/options/distribution.ts"() {
    "use strict";
    init_errors();
    init_json();
    DISTRIBUTION_SPEC_TAG = "v1.1-referrers-tag";
    DISTRIBUTION_SPEC_API = "v1.1-referrers-api";
  }
});

// src/registry/transport/trace.ts
import { STATUS_CODES } from "node:http";
function goQuote(s2) {
  let out = '"';
  for (const ch of s2) {
    const c = ch.codePointAt(0);
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (c < 128 && c >= 32 && c !== 127) out += ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "	") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\x07") out += "\\a";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\v") out += "\\v";
    else if (c >= 55296 && c <= 57343) out += "\\ufffd";
    else if (c >= 128 && PRINTABLE.test(ch)) out += ch;
    else if (c < 128) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c < 65536) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += `\\U${c.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}
function canonicalHeaderName(name) {
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) return name;
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash, c) => dash + c.toUpperCase());
}
function formatTraceHeaders(headers, redaction) {
  const lines = [];
  headers.forEach((value, name) => {
    const lower = name.toLowerCase();
    const v = redaction.isSecretHeader(lower) ? TRACE_REDACTED : URL_HEADERS.has(lower) ? redaction.redactURL(value) : value;
    lines.push([canonicalHeaderName(name), v]);
  });
  if (lines.length === 0) return "   Empty header";
  lines.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return lines.map(([k, v]) => `   ${goQuote(k)}: ${goQuote(v)}`).join("\n");
}
function formatRequestTrace(id, method, url, headers) {
  return `--> Request #${id}
> Request URL: ${goQuote(url)}
> Request method: ${goQuote(method)}
> Request headers:
${headers}`;
}
function formatResponseTrace(id, status, headers, body) {
  const text = GO_STATUS_TEXT[status] ?? STATUS_CODES[status];
  return `<-- Response #${id}
< Response Status: ${goQuote(text ? `${status} ${text}` : String(status))}
< Response headers:
${headers}
< Response body:
${body}`;
}
function formatErrorTrace(id, message) {
  return `<-- Response #${id}
Error in getting response: ${message}`;
}
function isPrintableContentType(contentType) {
  const m = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+\/[A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*(?:;.*)?$/s.exec(contentType);
  if (!m) return false;
  const t = m[1].toLowerCase();
  return t === "application/json" || t === "text/plain" || t === "text/html" || t.endsWith("+json");
}
function skipTraceBody(method, status, headers) {
  if (method === "HEAD" || status === 204 || status === 304 || status >= 100 && status < 200 || headers.get("content-length") === "0") {
    return "   No response body to print";
  }
  const type = headers.get("content-type");
  if (type === null || type === "") return "   Response body without a content type is not printed";
  if (!isPrintableContentType(type)) return `   Response body of content type ${goQuote(type)} is not printed`;
  return void 0;
}
function describeTraceBody(head, readError) {
  if (readError !== void 0) return `   Error reading response body: ${readError?.message ?? String(readError)}`;
  if (head.length === 0) return "   Response body is empty";
  const text = head.toString("utf8");
  if (CREDENTIAL_HINT.test(text)) return REDACTED_BODY_TRACE;
  if (head.length > TRACE_BODY_LIMIT) return `${head.subarray(0, TRACE_BODY_LIMIT).toString("utf8")}
...(truncated)`;
  return text;
}
var TRACE_BODY_LIMIT, TRACE_REDACTED, PRINTABLE, URL_HEADERS, GO_STATUS_TEXT, CREDENTIAL_HINT, REDACTED_BODY_TRACE;
var init_trace = __esm({
  "src/registry/transport/trace.ts"() {
    "use strict";
    TRACE_BODY_LIMIT = 16 * 1024;
    TRACE_REDACTED = "*****";
    PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
    URL_HEADERS = /* @__PURE__ */ new Set(["location", "content-location", "referer"]);
    GO_STATUS_TEXT = { 413: "Request Entity Too Large", 416: "Requested Range Not Satisfiable", 418: "I'm a teapot" };
    CREDENTIAL_HINT = /token|password|secret|credential/i;
    REDACTED_BODY_TRACE = "   Response body redacted due to potential credentials";
  }
});

// src/cli/display/template/values.ts
function isMap(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function typeName(v) {
  if (v === void 0 || v === null) return "<nil>";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "float64";
  if (typeof v === "bigint") return "int";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}
function formatFloat(x) {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "+Inf";
  if (x === -Infinity) return "-Inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mant, expStr] = x.toExponential().split("e");
  const exp = Number(expStr);
  if (exp < -4 || exp >= 21 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${mant}e${exp < 0 ? "-" : "+"}${abs < 10 ? "0" : ""}${abs}`;
  }
  return String(x);
}
function formatValue(v) {
  if (v === void 0 || v === null) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return formatFloat(v);
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(" ")}]`;
  return `map[${Object.keys(v).sort().map((k) => `${k}:${formatValue(v[k])}`).join(" ")}]`;
}
function printValue(v) {
  return v === void 0 || v === null ? "<no value>" : formatValue(v);
}
function truth(v) {
  if (v === void 0 || v === null) return false;
  if (typeof v === "string") return v.length > 0;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "bigint") return v !== 0n;
  if (typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v).length > 0;
}
function encodeJSON(v, indent2, depth) {
  if (v === void 0 || v === null) return "null";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return Number.isFinite(v) ? JSON.stringify(v) : "null";
  if (typeof v !== "object") return JSON.stringify(v);
  const nl = indent2 === "" ? "" : `
${indent2.repeat(depth + 1)}`;
  const end = indent2 === "" ? "" : `
${indent2.repeat(depth)}`;
  const sep5 = indent2 === "" ? ":" : ": ";
  const items = Array.isArray(v) ? v.map((x) => encodeJSON(x, indent2, depth + 1)) : Object.keys(v).sort().map((k) => `${JSON.stringify(k)}${sep5}${encodeJSON(v[k], indent2, depth + 1)}`);
  const [open10, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
  return items.length === 0 ? `${open10}${close}` : `${open10}${nl}${items.join(`,${nl}`)}${end}${close}`;
}
function goJSON(v, opts = {}) {
  const s2 = encodeJSON(v, opts.indent ? "  " : "", 0);
  const special = opts.raw ? /[\u2028\u2029]/g : /[<>&\u2028\u2029]/g;
  return s2.replace(special, (c) => `\\u${c.codePointAt(0).toString(16).padStart(4, "0")}`);
}
function fromJSON(model) {
  return JSON.parse(JSON.stringify(model) ?? "null");
}
var TemplateError, EvalError, TEMPLATE_NAME;
var init_values = __esm({
  "src/cli/display/template/values.ts"() {
    "use strict";
    init_trace();
    TemplateError = class extends Error {
    };
    EvalError = class extends Error {
    };
    TEMPLATE_NAME = "format output";
  }
});

// src/cli/display/template/printf.ts
function bad2(verb, v) {
  if (v === void 0 || v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatValue(v)})`;
}
function pad(s2, spec, numeric) {
  if (spec.width === void 0 || s2.length >= spec.width) return s2;
  const n2 = spec.width - [...s2].length;
  if (n2 <= 0) return s2;
  if (spec.minus) return s2 + " ".repeat(n2);
  if (spec.zero && numeric) {
    const sign2 = /^[+\- ]/.test(s2) ? s2[0] : "";
    return sign2 + "0".repeat(n2) + s2.slice(sign2.length);
  }
  return " ".repeat(n2) + s2;
}
function sign(neg, spec) {
  return neg ? "-" : spec.plus ? "+" : spec.space ? " " : "";
}
function fmtInt(v, verb, spec) {
  const neg = v < 0n;
  const a = neg ? -v : v;
  let digits;
  let prefix = "";
  switch (verb) {
    case "d":
    case "v":
      digits = a.toString(10);
      break;
    case "x":
      digits = a.toString(16);
      if (spec.sharp) prefix = "0x";
      break;
    case "X":
      digits = a.toString(16).toUpperCase();
      if (spec.sharp) prefix = "0X";
      break;
    case "o":
      digits = a.toString(8);
      if (spec.sharp) prefix = "0";
      break;
    case "b":
      digits = a.toString(2);
      break;
    default:
      return bad2(verb, v);
  }
  if (spec.prec !== void 0) digits = digits.padStart(spec.prec, "0");
  return pad(sign(neg, spec) + prefix + digits, spec, spec.prec === void 0);
}
function toFixedEven(a, prec) {
  if (a >= 1e21 || prec > 70) return a.toFixed(Math.min(prec, 100));
  const exact = a.toFixed(prec + 30);
  const dot = exact.indexOf(".");
  const cut = prec === 0 ? dot : dot + 1 + prec;
  const tail = exact.slice(dot + 1 + prec);
  if (/^50*$/.test(tail)) {
    const truncated2 = exact.slice(0, cut);
    const last = truncated2.replace(".", "").at(-1) ?? "0";
    if (Number(last) % 2 === 0) return truncated2;
  }
  return a.toFixed(prec);
}
function fmtFloat(v, verb, specIn) {
  const spec = specIn.prec !== void 0 && specIn.prec > 100 ? { ...specIn, prec: 100 } : specIn;
  if (!Number.isFinite(v)) {
    const s2 = Number.isNaN(v) ? "NaN" : v > 0 ? `${spec.plus ? "+" : ""}Inf` : "-Inf";
    return pad(s2, { ...spec, zero: false }, false);
  }
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  let body;
  switch (verb) {
    case "f":
    case "F":
      body = toFixedEven(a, spec.prec ?? 6);
      break;
    case "e":
    case "E": {
      const [m, e] = a.toExponential(spec.prec ?? 6).split("e");
      const n2 = Number(e);
      body = `${m}e${n2 < 0 ? "-" : "+"}${String(Math.abs(n2)).padStart(2, "0")}`;
      if (verb === "E") body = body.toUpperCase();
      break;
    }
    case "g":
    case "G":
    case "v":
      if (spec.prec === void 0) body = formatFloat(a);
      else {
        const p = spec.prec === 0 ? 1 : spec.prec;
        const exp = a === 0 ? 0 : Math.floor(Math.log10(Number(a.toExponential(p - 1))));
        if (exp < -4 || exp >= p) {
          const [m, e] = a.toExponential(p - 1).split("e");
          const n2 = Number(e);
          body = `${m.includes(".") ? m.replace(/\.?0+$/, "") : m}e${n2 < 0 ? "-" : "+"}${String(Math.abs(n2)).padStart(2, "0")}`;
        } else {
          body = a.toFixed(Math.max(0, p - 1 - exp));
          if (body.includes(".")) body = body.replace(/\.?0+$/, "");
        }
      }
      if (verb === "G") body = body.toUpperCase();
      break;
    default:
      return bad2(verb, v);
  }
  return pad(sign(neg, spec) + body, spec, true);
}
function fmtString(s2, verb, spec) {
  switch (verb) {
    case "s":
    case "v": {
      const t = spec.prec === void 0 ? s2 : [...s2].slice(0, spec.prec).join("");
      return pad(t, { ...spec, zero: false }, false);
    }
    case "q":
      return pad(spec.sharp && !s2.includes("`") ? `\`${s2}\`` : goQuote(s2), { ...spec, zero: false }, false);
    case "x":
    case "X": {
      let h = Buffer.from(s2, "utf8").toString("hex");
      if (verb === "X") h = h.toUpperCase();
      return pad(h, { ...spec, zero: false }, false);
    }
    default:
      return bad2(verb, s2);
  }
}
function rune(v) {
  const n2 = Number(v);
  return n2 >= 0 && n2 <= 1114111 && (n2 < 55296 || n2 > 57343) ? String.fromCodePoint(n2) : "�";
}
function fmtOne(v, verb, spec) {
  if (verb === "T") return pad(typeName(v), spec, false);
  if (v === void 0 || v === null) return verb === "v" ? pad("<nil>", spec, false) : bad2(verb, v);
  if (typeof v === "string") return fmtString(v, verb, spec);
  if (typeof v === "bigint") {
    if (verb === "c") return pad(rune(v), spec, false);
    if (verb === "q") return pad(`'${rune(v)}'`, spec, false);
    return fmtInt(v, verb, spec);
  }
  if (typeof v === "number") return fmtFloat(v, verb, spec);
  if (typeof v === "boolean") return verb === "t" || verb === "v" ? pad(String(v), { ...spec, zero: false }, false) : bad2(verb, v);
  const noWidth = { ...spec, width: void 0 };
  if (Array.isArray(v)) return `[${v.map((x) => fmtOne(x, verb, noWidth)).join(" ")}]`;
  if (isMap(v))
    return `map[${Object.keys(v).sort().map((k) => `${fmtOne(k, verb, noWidth)}:${fmtOne(v[k], verb, noWidth)}`).join(" ")}]`;
  return bad2(verb, v);
}
function sprintf(format2, args, maxWidth = Number.MAX_SAFE_INTEGER) {
  let out = "";
  let argi = 0;
  let i = 0;
  while (i < format2.length) {
    const pct = format2.indexOf("%", i);
    if (pct < 0) {
      out += format2.slice(i);
      break;
    }
    out += format2.slice(i, pct);
    i = pct + 1;
    const spec = { minus: false, plus: false, zero: false, space: false, sharp: false, width: void 0, prec: void 0 };
    for (; i < format2.length; i++) {
      const c = format2[i];
      if (c === "-") spec.minus = true;
      else if (c === "+") spec.plus = true;
      else if (c === "0") spec.zero = !spec.minus;
      else if (c === " ") spec.space = true;
      else if (c === "#") spec.sharp = true;
      else break;
    }
    const num = () => {
      if (format2[i] === "*") {
        i++;
        const a = args[argi++];
        return typeof a === "bigint" ? Number(a) : void 0;
      }
      const m = /^\d+/.exec(format2.slice(i));
      if (!m) return void 0;
      i += m[0].length;
      return Number(m[0]);
    };
    spec.width = num();
    if (spec.width !== void 0 && spec.width < 0) {
      spec.minus = true;
      spec.width = -spec.width;
    }
    if (format2[i] === ".") {
      i++;
      spec.prec = num() ?? 0;
    }
    if ((spec.width ?? 0) > maxWidth || (spec.prec ?? 0) > maxWidth) throw new EvalError(`width or precision exceeds ${maxWidth} bytes (MAX_TEMPLATE_OUTPUT)`);
    if (i >= format2.length) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format2.codePointAt(i));
    i += verb.length;
    if (verb === "%") {
      out += "%";
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += fmtOne(args[argi++], verb, spec);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args.slice(argi).map((a) => a === void 0 || a === null ? "<nil>" : `${typeName(a)}=${formatValue(a)}`).join(", ")})`;
  }
  return out;
}
var init_printf = __esm({
  "src/cli/display/template/printf.ts"() {
    "use strict";
    init_values();
  }
});

// src/cli/display/template/funcs.ts
import { createHash as createHash2 } from "node:crypto";
import { posix as posix3 } from "node:path";
function f(params, fn, variadic) {
  return variadic === void 0 ? { params, fn } : { params, fn, variadic };
}
function kindOf(v) {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "string") return "string";
  return "invalid";
}
function eq(a, rest) {
  if (rest.length === 0) throw new EvalError("missing argument for comparison");
  const k1 = kindOf(a);
  for (const b of rest) {
    const k2 = kindOf(b);
    if (k1 !== k2) {
      if (!isNil(a) && !isNil(b)) throw new EvalError("incompatible types for comparison");
      continue;
    }
    if (k1 === "invalid") {
      if (isNil(a) || isNil(b)) {
        if (isNil(a) === isNil(b)) return true;
        continue;
      }
      throw new EvalError(`non-comparable type ${formatValue(a)}: ${typeName(a)}`);
    }
    if (a === b) return true;
  }
  return false;
}
function lt(a, b) {
  const k1 = kindOf(a);
  const k2 = kindOf(b);
  if (k1 === "invalid" || k2 === "invalid" || k1 === "bool" || k2 === "bool") throw new EvalError("invalid type for comparison");
  if (k1 !== k2) throw new EvalError("incompatible types for comparison");
  return a < b;
}
function toIndex(v, what) {
  if (typeof v === "bigint") return Number(v);
  if (isNil(v)) throw new EvalError(`cannot index ${what} with nil`);
  throw new EvalError(`cannot index ${what} with type ${typeName(v)}`);
}
function index(item, keys) {
  if (isNil(item)) throw new EvalError("index of untyped nil");
  let cur = item;
  for (const k of keys) {
    if (typeof cur === "string" || Array.isArray(cur)) {
      const bytes = typeof cur === "string" ? Buffer.from(cur, "utf8") : void 0;
      const len2 = bytes ? bytes.length : cur.length;
      const x = toIndex(k, "slice/array");
      if (x < 0 || x >= len2) throw new EvalError(`index out of range: ${x}`);
      cur = bytes ? BigInt(bytes[x]) : cur[x];
    } else if (isMap(cur)) {
      if (isNil(k)) throw new EvalError("value is nil; should be of type string");
      if (typeof k !== "string") throw new EvalError(`value has type ${typeName(k)}; should be string`);
      cur = Object.hasOwn(cur, k) ? cur[k] : null;
    } else if (isNil(cur)) {
      throw new EvalError("index of nil pointer");
    } else {
      throw new EvalError(`can't index item of type ${typeName(cur)}`);
    }
  }
  return cur;
}
function slice(item, idx) {
  if (isNil(item)) throw new EvalError("slice of untyped nil");
  if (idx.length > 3) throw new EvalError(`too many slice indexes: ${idx.length}`);
  if (typeof item === "string") {
    if (idx.length === 3) throw new EvalError("cannot 3-index slice a string");
    const b = Buffer.from(item, "utf8");
    const [i, j] = bounds(idx, b.length);
    return b.subarray(i, j).toString("utf8");
  }
  if (Array.isArray(item)) {
    const [i, j] = bounds(idx, item.length);
    return item.slice(i, j);
  }
  throw new EvalError(`can't slice item of type ${typeName(item)}`);
}
function bounds(idx, len2) {
  const i = idx.length > 0 ? toIndex(idx[0], "slice/array") : 0;
  const j = idx.length > 1 ? toIndex(idx[1], "slice/array") : len2;
  if (i < 0 || i > len2) throw new EvalError(`index out of range: ${i}`);
  if (j < 0 || j > len2) throw new EvalError(`index out of range: ${j}`);
  if (i > j) throw new EvalError(`invalid slice index: ${i} > ${j}`);
  return [i, j];
}
function len(v) {
  if (isNil(v)) throw new EvalError("len of nil pointer");
  if (typeof v === "string") return BigInt(Buffer.byteLength(v));
  if (Array.isArray(v)) return BigInt(v.length);
  if (isMap(v)) return BigInt(Object.keys(v).length);
  throw new EvalError(`len of type ${typeName(v)}`);
}
function sprint(args) {
  let out = "";
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += formatValue(a);
  });
  return out;
}
function strval(v) {
  return typeof v === "string" ? v : formatValue(v);
}
function strslice(v) {
  if (Array.isArray(v)) return v.filter((x) => !isNil(x)).map(strval);
  if (isNil(v)) return [];
  return [strval(v)];
}
function empty(v) {
  return !truth(v);
}
function toInt64(v) {
  if (typeof v === "bigint") return i64(v);
  if (typeof v === "number") return Number.isFinite(v) ? i64(BigInt(Math.trunc(v))) : 0n;
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (typeof v === "string") {
    const s2 = v.trim();
    if (/^[+-]?\d+$/.test(s2)) return i64(BigInt(s2));
    if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(s2)) return s2.startsWith("-") ? -BigInt(s2.slice(1)) : BigInt(s2.replace(/^\+/, ""));
    return 0n;
  }
  return 0n;
}
function toFloat64(v) {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const n2 = Number(v.trim());
    return v.trim() === "" || Number.isNaN(n2) ? 0 : n2;
  }
  return 0;
}
function list(v, fn) {
  if (Array.isArray(v)) return v;
  throw new EvalError(`Cannot find ${fn} on type ${typeName(v)}`);
}
function mustMap(v, fn) {
  if (isMap(v)) return v;
  throw new EvalError(`wrong type for value; expected map[string]interface {}; got ${typeName(v)} (in ${fn})`);
}
function deepEqual(a, b) {
  return goJSON(a) === goJSON(b) && typeName(a) === typeName(b);
}
function title(s2) {
  return s2.replace(new RegExp("(^|[^\\p{L}\\p{N}_'])(\\p{L})", "gu"), (_m, pre, c) => pre + c.toUpperCase());
}
function checkSize(n2, limits) {
  if (n2 > limits.maxOutput) throw new EvalError(`result exceeds ${limits.maxOutput} bytes (MAX_TEMPLATE_OUTPUT)`);
}
function html(s2) {
  return s2.replace(/[<>&'"\0]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&#34;", "\0": "�" })[c]);
}
function regex(pattern) {
  try {
    return new RegExp(pattern, "u");
  } catch (e) {
    throw new EvalError(`error parsing regexp: ${e.message}`);
  }
}
function shortCircuit(stopOn) {
  return {
    params: [A],
    variadic: A,
    fn: () => null,
    lazy: (args) => {
      let v = void 0;
      for (const a of args) {
        v = a();
        if (truth(v) === stopOn) return v;
      }
      return v;
    }
  };
}
function divide(a, b, mod) {
  if (b === 0n) throw new EvalError("runtime error: integer divide by zero");
  return i64(mod ? a % b : a / b);
}
function indent(count, v, limits) {
  checkSize(count, limits);
  const pad2 = " ".repeat(Math.max(0, count));
  return pad2 + v.split("\n").join(`
${pad2}`);
}
function trimCut(v, cut) {
  const set = /* @__PURE__ */ new Set([...cut]);
  const chars = [...v];
  let i = 0;
  let j = chars.length;
  while (i < j && set.has(chars[i])) i++;
  while (j > i && set.has(chars[j - 1])) j--;
  return chars.slice(i, j).join("");
}
var A, S, I, isNil, i64, s, n, FUNCS;
var init_funcs = __esm({
  "src/cli/display/template/funcs.ts"() {
    "use strict";
    init_printf();
    init_values();
    A = "any";
    S = "string";
    I = "int";
    isNil = (v) => v === void 0 || v === null;
    i64 = (x) => BigInt.asIntN(64, x);
    s = (v) => v;
    n = (v) => Number(v);
    FUNCS = /* @__PURE__ */ new Map([
      // text/template builtins
      ["and", shortCircuit(false)],
      ["or", shortCircuit(true)],
      ["not", f([A], ([v]) => !truth(v))],
      ["len", f([A], ([v]) => len(v))],
      ["index", f([A], ([v, ...k]) => index(v, k), A)],
      ["slice", f([A], ([v, ...k]) => slice(v, k), A)],
      ["print", f([], (a) => sprint(a), A)],
      ["printf", f([S], ([fmt, ...a], lim) => sprintf(s(fmt), a, lim.maxOutput), A)],
      ["println", f([], (a) => `${a.map(formatValue).join(" ")}
`, A)],
      ["eq", f([A], ([a, ...b]) => eq(a, b), A)],
      ["ne", f([A, A], ([a, b]) => !eq(a, [b]))],
      ["lt", f([A, A], ([a, b]) => lt(a, b))],
      ["le", f([A, A], ([a, b]) => lt(a, b) || eq(a, [b]))],
      ["gt", f([A, A], ([a, b]) => !(lt(a, b) || eq(a, [b])))],
      ["ge", f([A, A], ([a, b]) => !lt(a, b))],
      ["html", f([], (a) => html(sprint(a)), A)],
      ["urlquery", f([], (a) => encodeURIComponent(sprint(a)).replace(/%20/g, "+").replace(/[!'()*]/g, (c) => `%${c.codePointAt(0).toString(16).toUpperCase()}`), A)],
      ["js", f([], (a) => JSON.stringify(sprint(a)).slice(1, -1).replace(/'/g, "\\'").replace(/</g, "\\u003C").replace(/>/g, "\\u003E").replace(/&/g, "\\u0026").replace(/=/g, "\\u003D"), A)],
      [
        "call",
        f(
          [A],
          ([fn]) => {
            throw new EvalError(`non-function ${formatValue(fn)} of type ${typeName(fn)}`);
          },
          A
        )
      ],
      // sprig: strings
      ["upper", f([S], ([v]) => s(v).toUpperCase())],
      ["lower", f([S], ([v]) => s(v).toLowerCase())],
      ["title", f([S], ([v]) => title(s(v)))],
      ["trim", f([S], ([v]) => s(v).trim())],
      ["trimAll", f([S, S], ([cut, v]) => trimCut(s(v), s(cut)))],
      ["trimPrefix", f([S, S], ([p, v]) => s(v).startsWith(s(p)) ? s(v).slice(s(p).length) : s(v))],
      ["trimSuffix", f([S, S], ([p, v]) => s(p) !== "" && s(v).endsWith(s(p)) ? s(v).slice(0, -s(p).length) : s(v))],
      ["contains", f([S, S], ([sub, v]) => s(v).includes(s(sub)))],
      ["hasPrefix", f([S, S], ([p, v]) => s(v).startsWith(s(p)))],
      ["hasSuffix", f([S, S], ([p, v]) => s(v).endsWith(s(p)))],
      ["replace", f([S, S, S], ([o, nw, v]) => s(o) === "" ? s(v) : s(v).split(s(o)).join(s(nw)))],
      [
        "repeat",
        f([I, S], ([c, v], lim) => {
          const count = Math.max(0, n(c));
          checkSize(count * Buffer.byteLength(s(v)), lim);
          return s(v).repeat(count);
        })
      ],
      [
        "substr",
        f([I, I, S], ([a, b, v]) => {
          const str2 = s(v);
          const start = n(a);
          const end = n(b);
          if (start < 0) return str2.slice(0, end);
          if (end < 0 || end > str2.length) return str2.slice(start);
          return str2.slice(start, end);
        })
      ],
      [
        "trunc",
        f([I, S], ([c, v]) => {
          const str2 = s(v);
          const k = n(c);
          if (k < 0 && str2.length + k > 0) return str2.slice(str2.length + k);
          if (k >= 0 && str2.length > k) return str2.slice(0, k);
          return str2;
        })
      ],
      ["abbrev", f([I, S], ([w, v]) => n(w) < 4 || s(v).length <= n(w) ? s(v) : `${s(v).slice(0, n(w) - 3)}...`)],
      ["quote", f([], (a) => a.filter((x) => !isNil(x)).map((x) => goQuote(strval(x))).join(" "), A)],
      ["squote", f([], (a) => a.filter((x) => !isNil(x)).map((x) => `'${strval(x)}'`).join(" "), A)],
      ["cat", f([], (a) => a.filter((x) => !isNil(x)).map(formatValue).join(" "), A)],
      ["indent", f([I, S], ([c, v], lim) => indent(n(c), s(v), lim))],
      ["nindent", f([I, S], ([c, v], lim) => `
${indent(n(c), s(v), lim)}`)],
      ["nospace", f([S], ([v]) => s(v).replace(/\s+/gu, ""))],
      ["split", f([S, S], ([sep5, v]) => Object.fromEntries(s(v).split(s(sep5)).map((p, i) => [`_${i}`, p])))],
      ["splitList", f([S, S], ([sep5, v]) => s(v).split(s(sep5)))],
      ["join", f([S, A], ([sep5, v]) => strslice(v).join(s(sep5)))],
      ["sortAlpha", f([A], ([v]) => strslice(v).sort())],
      ["toString", f([A], ([v]) => strval(v))],
      ["toStrings", f([A], ([v]) => strslice(v))],
      ["b64enc", f([S], ([v]) => Buffer.from(s(v), "utf8").toString("base64"))],
      ["b64dec", f([S], ([v]) => Buffer.from(s(v), "base64").toString("utf8"))],
      ["sha256sum", f([S], ([v]) => createHash2("sha256").update(s(v)).digest("hex"))],
      ["sha1sum", f([S], ([v]) => createHash2("sha1").update(s(v)).digest("hex"))],
      ["base", f([S], ([v]) => s(v) === "" ? "." : posix3.basename(s(v)) || "/")],
      ["dir", f([S], ([v]) => posix3.dirname(s(v)))],
      ["ext", f([S], ([v]) => posix3.extname(s(v)))],
      ["clean", f([S], ([v]) => s(v) === "" ? "." : posix3.normalize(s(v)).replace(/(.)\/$/, "$1"))],
      ["regexMatch", f([S, S], ([re, v]) => regex(s(re)).test(s(v)))],
      ["regexFind", f([S, S], ([re, v]) => regex(s(re)).exec(s(v))?.[0] ?? "")],
      ["regexReplaceAll", f([S, S, S], ([re, v, r]) => s(v).replace(new RegExp(regex(s(re)).source, "gu"), s(r).replace(/\$\{?(\w+)\}?/g, "$$<$1>").replace(/\$<(\d+)>/g, "$$$1")))],
      // sprig: defaults and JSON
      ["default", f([A], ([d, ...given]) => given.length === 0 || empty(given[0]) ? d : given[0], A)],
      ["empty", f([A], ([v]) => empty(v))],
      ["coalesce", f([], (a) => a.find((x) => !empty(x)) ?? null, A)],
      ["ternary", f([A, A, A], ([t, e, c]) => c === true ? t : e)],
      ["toJson", f([A], ([v]) => goJSON(v))],
      ["json", f([A], ([v]) => goJSON(v))],
      ["toRawJson", f([A], ([v]) => goJSON(v, { raw: true }))],
      ["toPrettyJson", f([A], ([v]) => goJSON(v, { indent: true }))],
      ["typeOf", f([A], ([v]) => typeName(v))],
      // sprig: lists and dicts
      ["list", f([], (a) => a, A)],
      ["first", f([A], ([v]) => list(v, "first")[0] ?? null)],
      ["last", f([A], ([v]) => list(v, "last").at(-1) ?? null)],
      ["rest", f([A], ([v]) => list(v, "rest").length === 0 ? null : list(v, "rest").slice(1))],
      ["initial", f([A], ([v]) => list(v, "initial").length === 0 ? null : list(v, "initial").slice(0, -1))],
      ["reverse", f([A], ([v]) => [...list(v, "reverse")].reverse())],
      ["uniq", f([A], ([v]) => list(v, "uniq").filter((x, i, arr) => arr.findIndex((y) => deepEqual(x, y)) === i))],
      ["compact", f([A], ([v]) => list(v, "compact").filter((x) => !empty(x)))],
      ["has", f([A, A], ([needle, v]) => isNil(v) ? false : list(v, "has").some((x) => deepEqual(x, needle)))],
      ["without", f([A], ([v, ...omit]) => list(v, "without").filter((x) => !omit.some((o) => deepEqual(x, o))), A)],
      ["append", f([A, A], ([v, x]) => [...list(v, "append"), x])],
      ["push", f([A, A], ([v, x]) => [...list(v, "push"), x])],
      ["prepend", f([A, A], ([v, x]) => [x, ...list(v, "prepend")])],
      ["concat", f([], (a) => a.flatMap((x) => Array.isArray(x) ? x : []), A)],
      [
        "dict",
        f(
          [],
          (a) => {
            const d = {};
            for (let i = 0; i < a.length; i += 2) d[strval(a[i])] = i + 1 < a.length ? a[i + 1] : "";
            return d;
          },
          A
        )
      ],
      ["keys", f([], (a) => a.flatMap((d) => Object.keys(mustMap(d, "keys"))).sort(), A)],
      ["values", f([A], ([d]) => Object.values(mustMap(d, "values")))],
      ["get", f([A, S], ([d, k]) => Object.hasOwn(mustMap(d, "get"), s(k)) ? d[s(k)] : "")],
      ["hasKey", f([A, S], ([d, k]) => Object.hasOwn(mustMap(d, "hasKey"), s(k)))],
      ["pluck", f([S], ([k, ...ds]) => ds.filter((d) => isMap(d) && Object.hasOwn(d, s(k))).map((d) => d[s(k)]), A)],
      // sprig: numbers
      ["add", f([], (a) => a.reduce((acc, x) => i64(acc + toInt64(x)), 0n), A)],
      ["add1", f([A], ([v]) => i64(toInt64(v) + 1n))],
      ["sub", f([A, A], ([a, b]) => i64(toInt64(a) - toInt64(b)))],
      ["mul", f([A], (a) => a.reduce((acc, x) => i64(acc * toInt64(x)), 1n), A)],
      ["div", f([A, A], ([a, b]) => divide(toInt64(a), toInt64(b), false))],
      ["mod", f([A, A], ([a, b]) => divide(toInt64(a), toInt64(b), true))],
      ["max", f([A], (a) => a.map(toInt64).reduce((x, y) => y > x ? y : x), A)],
      ["min", f([A], (a) => a.map(toInt64).reduce((x, y) => y < x ? y : x), A)],
      ["int", f([A], ([v]) => toInt64(v))],
      ["int64", f([A], ([v]) => toInt64(v))],
      ["float64", f([A], ([v]) => toFloat64(v))],
      ["atoi", f([S], ([v]) => /^[+-]?\d+$/.test(s(v)) ? BigInt(s(v)) : 0n)],
      ["round", f([A, I], ([v, p]) => Math.round(toFloat64(v) * 10 ** n(p)) / 10 ** n(p))]
    ]);
  }
});

// src/cli/display/template/parse.ts
function parseError(tpl, pos, msg) {
  const line = 1 + (tpl.slice(0, pos).match(/\n/g)?.length ?? 0);
  return new TemplateError(`template: ${TEMPLATE_NAME}:${line}: ${msg}`);
}
function lex(tpl) {
  const toks = [];
  let i = 0;
  let trimNext = false;
  const push2 = (kind, val, pos, space = false) => toks.push({ kind, val, pos, space });
  while (i < tpl.length) {
    let open10 = tpl.indexOf("{{", i);
    if (open10 < 0) open10 = tpl.length;
    let text = tpl.slice(i, open10);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, "");
    trimNext = false;
    let p = open10 + 2;
    if (open10 < tpl.length && tpl[p] === "-" && SPACE.test(tpl[p + 1] ?? "")) {
      text = text.replace(/[ \t\r\n]+$/, "");
      p += 2;
    }
    if (text !== "") push2("text", text, i);
    if (open10 >= tpl.length) break;
    if (tpl.startsWith("/*", p)) {
      const end = tpl.indexOf("*/", p + 2);
      if (end < 0) throw parseError(tpl, open10, "unclosed comment");
      let q = end + 2;
      if (SPACE.test(tpl[q] ?? "") && tpl[q + 1] === "-" && tpl.startsWith("}}", q + 2)) {
        trimNext = true;
        q += 2;
      }
      if (!tpl.startsWith("}}", q)) throw parseError(tpl, open10, "comment ends before closing delimiter");
      i = q + 2;
      continue;
    }
    push2("open", "{{", open10);
    let space = false;
    for (; ; ) {
      if (p >= tpl.length) throw parseError(tpl, open10, "unclosed action");
      const c = tpl[p];
      if (SPACE.test(c)) {
        if (tpl[p + 1] === "-" && tpl.startsWith("}}", p + 2)) {
          push2("close", "}}", p);
          trimNext = true;
          p += 4;
          break;
        }
        p++;
        space = true;
        continue;
      }
      if (tpl.startsWith("}}", p)) {
        push2("close", "}}", p);
        p += 2;
        break;
      }
      const start = p;
      const next = tpl[p + 1] ?? "";
      if (c === "(" || c === ")" || c === "|" || c === ",") {
        push2(c === "(" ? "lparen" : c === ")" ? "rparen" : c === "|" ? "pipe" : "comma", c, p, space);
        p++;
      } else if (c === ":" && next === "=") {
        push2("declare", ":=", p, space);
        p += 2;
      } else if (c === "=") {
        push2("assign", "=", p, space);
        p++;
      } else if (c === '"') {
        p++;
        for (; p < tpl.length && tpl[p] !== '"'; p++) {
          if (tpl[p] === "\\") p++;
          if (tpl[p] === "\n" || p >= tpl.length) throw parseError(tpl, start, "unterminated quoted string");
        }
        if (p >= tpl.length) throw parseError(tpl, start, "unterminated quoted string");
        p++;
        push2("string", unquote(tpl, start, tpl.slice(start, p)), start, space);
      } else if (c === "`") {
        const end = tpl.indexOf("`", p + 1);
        if (end < 0) throw parseError(tpl, start, "unterminated raw quoted string");
        push2("string", tpl.slice(p + 1, end), start, space);
        p = end + 1;
      } else if (c === "'") {
        const m = /^'(\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[abfnrtv\\'])|[^\\'\n])'/u.exec(tpl.slice(p));
        if (!m) throw parseError(tpl, start, "unterminated character constant");
        push2("char", String(unquote(tpl, start, `"${m[1] === "\\'" ? "'" : m[1]}"`).codePointAt(0)), start, space);
        p += m[0].length;
      } else if (c === "$") {
        const m = /^\$[\p{L}\p{N}_]*/u.exec(tpl.slice(p));
        push2("var", m[0], p, space);
        p += m[0].length;
      } else if (c === "." && !/[0-9]/.test(next)) {
        const m = /^\.[\p{L}\p{N}_]*/u.exec(tpl.slice(p));
        push2(m[0] === "." ? "dot" : "field", m[0], p, space);
        p += m[0].length;
      } else if (/[0-9.+-]/.test(c)) {
        const m = /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)/.exec(tpl.slice(p));
        const num = m?.[0] ?? "";
        if (!/[0-9]/.test(num)) throw parseError(tpl, start, `bad number syntax: ${JSON.stringify(tpl.slice(p, p + 2))}`);
        push2("number", num, p, space);
        p += num.length;
      } else if (/[\p{L}_]/u.test(c)) {
        const m = /^[\p{L}\p{N}_]+/u.exec(tpl.slice(p));
        const w = m[0];
        push2(KEYWORDS.has(w) ? "keyword" : w === "true" || w === "false" ? "bool" : w === "nil" ? "nil" : "ident", w, p, space);
        p += w.length;
      } else {
        throw parseError(tpl, start, `unexpected ${JSON.stringify(c)} in command`);
      }
      space = false;
    }
    i = p;
  }
  push2("eof", "", tpl.length);
  return toks;
}
function unquote(tpl, pos, quoted) {
  try {
    return JSON.parse(
      quoted.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b").replace(/\\'/g, "'")
    );
  } catch {
    throw parseError(tpl, pos, `bad quoted string ${quoted}`);
  }
}
function parseTemplate(tpl, isFunction) {
  const toks = lex(tpl);
  let k = 0;
  const vars = ["$"];
  let rangeDepth = 0;
  const peek = () => toks[k];
  const next = () => toks[k++];
  const err = (tok, msg) => parseError(tpl, tok.pos, msg);
  const expect = (kind, context) => {
    const t = next();
    if (t.kind !== kind) throw err(t, `unexpected ${describe(t)} in ${context}`);
    return t;
  };
  const list3 = () => {
    const nodes2 = [];
    for (; ; ) {
      const t = next();
      if (t.kind === "eof") return { nodes: nodes2, end: t };
      if (t.kind === "text") {
        nodes2.push({ t: "text", v: t.val });
        continue;
      }
      const a = peek();
      if (a.kind === "keyword") {
        if (a.val === "end" || a.val === "else") {
          next();
          return { nodes: nodes2, end: a };
        }
        next();
        nodes2.push(control(a));
        continue;
      }
      const pipe = pipeline10("command");
      expect("close", "command");
      nodes2.push({ t: "action", pipe });
    }
  };
  const control = (kw) => {
    switch (kw.val) {
      case "if":
      case "with":
      case "range":
        return branch(kw.val);
      case "break":
      case "continue": {
        if (rangeDepth === 0) throw err(kw, `{{${kw.val}}} outside {{range}}`);
        expect("close", kw.val);
        return { t: kw.val, pos: kw.pos };
      }
      default:
        throw err(kw, `{{${kw.val}}} is not supported by oras-ts's go-template (define, template and block are not available)`);
    }
  };
  const branch = (kind) => {
    const mark = vars.length;
    const pipe = pipeline10(kind);
    expect("close", kind);
    if (kind === "range") rangeDepth++;
    const body = list3();
    if (kind === "range") rangeDepth--;
    let elseList;
    let end2 = body.end;
    if (end2.kind === "eof") throw err(end2, "unexpected EOF");
    if (end2.val === "else") {
      const after = peek();
      if ((kind === "if" || kind === "with") && after.kind === "keyword" && after.val === kind) {
        next();
        elseList = [branch(kind)];
        vars.length = mark;
        return { t: kind, pipe, list: body.nodes, elseList };
      }
      expect("close", "else");
      const e = list3();
      elseList = e.nodes;
      end2 = e.end;
      if (end2.kind === "eof") throw err(end2, "unexpected EOF");
      if (end2.val === "else") throw err(end2, "expected end; found {{else}}");
    }
    expect("close", "end");
    vars.length = mark;
    return { t: kind, pipe, list: body.nodes, elseList };
  };
  const pipeline10 = (context) => {
    const start = peek();
    const decl = [];
    let isAssign = false;
    if (start.kind === "var") {
      const save = k;
      const v1 = next();
      const t2 = peek();
      if (t2.kind === "declare" || t2.kind === "assign") {
        next();
        decl.push(v1.val);
        isAssign = t2.kind === "assign";
      } else if (t2.kind === "comma" && context === "range") {
        next();
        const v2 = expect("var", "range");
        const d = next();
        if (d.kind !== "declare" && d.kind !== "assign") throw err(d, `unexpected ${describe(d)} in range`);
        decl.push(v1.val, v2.val);
        isAssign = d.kind === "assign";
      } else {
        k = save;
      }
    }
    if (decl.length > 0) {
      if (isAssign) {
        for (const d of decl) if (!vars.includes(d)) throw err(start, `undefined variable ${JSON.stringify(d)}`);
      }
    }
    const cmds = [];
    for (; ; ) {
      const t = peek();
      if (t.kind === "close" || t.kind === "rparen") break;
      if (t.kind === "eof") throw err(t, `unclosed action`);
      cmds.push(command2(context));
      const sep5 = peek();
      if (sep5.kind === "pipe") {
        next();
        if (peek().kind === "close" || peek().kind === "rparen") throw err(sep5, "missing command");
        continue;
      }
    }
    if (cmds.length === 0) throw err(start, `missing value for ${context}`);
    if (!isAssign) for (const d of decl) vars.push(d);
    return { pos: start.pos, decl, isAssign, cmds };
  };
  const command2 = (context) => {
    const first = peek();
    const args = [];
    for (; ; ) {
      const t = peek();
      if (t.kind === "close" || t.kind === "rparen" || t.kind === "pipe") break;
      if (t.kind === "eof") throw err(t, "unclosed action");
      if (args.length > 0 && !t.space && t.kind !== "lparen") throw err(t, `unexpected ${describe(t)} in operand`);
      args.push(operand(context));
    }
    if (args.length === 0) throw err(first, `empty command`);
    const head = args[0];
    if (head.t === "nil" && args.length === 1) throw err(first, "nil is not a command");
    return { pos: first.pos, args };
  };
  const operand = (context) => {
    const node = term(context);
    const chain = [];
    while (peek().kind === "field" && !peek().space) chain.push(next().val.slice(1));
    if (chain.length === 0) return node;
    if (node.t === "field") return { ...node, chain: [...node.chain, ...chain] };
    if (node.t === "var") return { ...node, chain: [...node.chain, ...chain] };
    if (node.t === "bool" || node.t === "string" || node.t === "number" || node.t === "nil" || node.t === "dot") {
      throw err(toks[k - 1], `unexpected . after term ${JSON.stringify(describeArg(node))}`);
    }
    return { t: "chain", pos: node.pos, node, chain };
  };
  const term = (context) => {
    const t = next();
    switch (t.kind) {
      case "dot":
        return { t: "dot", pos: t.pos };
      case "nil":
        return { t: "nil", pos: t.pos };
      case "bool":
        return { t: "bool", pos: t.pos, v: t.val === "true" };
      case "string":
        return { t: "string", pos: t.pos, v: t.val };
      case "char":
        return { t: "number", pos: t.pos, text: t.val, isFloat: false, v: BigInt(t.val) };
      case "number":
        return number(t);
      case "field":
        return { t: "field", pos: t.pos, chain: t.val.slice(1).split(".") };
      case "var": {
        if (!vars.includes(t.val)) throw err(t, `undefined variable ${JSON.stringify(t.val)}`);
        return { t: "var", pos: t.pos, name: t.val, chain: [] };
      }
      case "ident":
        if (!isFunction(t.val)) throw err(t, `function ${JSON.stringify(t.val)} not defined`);
        return { t: "ident", pos: t.pos, name: t.val };
      case "lparen": {
        const pipe = pipeline10("parenthesized pipeline");
        const close = next();
        if (close.kind !== "rparen") throw err(close, `unclosed left paren`);
        return { t: "pipe", pos: t.pos, pipe };
      }
      case "keyword":
        throw err(t, `unexpected <${t.val}> in ${context}`);
      default:
        throw err(t, `unexpected ${describe(t)} in ${context}`);
    }
  };
  const number = (t) => {
    const text = t.val.replace(/_/g, "");
    const isHex = /^[+-]?0[xXbBoO]/.test(text);
    if (isHex) {
      const neg = text.startsWith("-");
      const body = text.replace(/^[+-]/, "");
      const abs = BigInt(body.toLowerCase());
      const v2 = neg ? -abs : abs;
      if (BigInt.asIntN(64, v2) !== v2) throw err(t, `${t.val} overflows int`);
      return { t: "number", pos: t.pos, text: t.val, isFloat: false, v: v2 };
    }
    const f2 = Number(text);
    if (!Number.isFinite(f2)) throw err(t, `illegal number syntax: ${JSON.stringify(t.val)}`);
    if (/[.eE]/.test(text)) return { t: "number", pos: t.pos, text: t.val, isFloat: true, v: f2 };
    const v = BigInt(text.replace(/^\+/, ""));
    if (BigInt.asIntN(64, v) !== v) throw err(t, `${t.val} overflows int`);
    return { t: "number", pos: t.pos, text: t.val, isFloat: false, v };
  };
  const { nodes, end } = list3();
  if (end.kind !== "eof") throw err(end, `unexpected {{${end.val}}}`);
  return { text: tpl, nodes };
}
function describe(t) {
  if (t.kind === "eof") return "EOF";
  if (t.kind === "close") return `"}}"`;
  if (t.kind === "keyword") return `<${t.val}>`;
  return JSON.stringify(t.val);
}
function describeArg(a) {
  switch (a.t) {
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "bool":
      return String(a.v);
    case "string":
      return JSON.stringify(a.v);
    case "number":
      return a.text;
    case "field":
      return `.${a.chain.join(".")}`;
    case "var":
      return [a.name, ...a.chain].join(".");
    case "ident":
      return a.name;
    case "chain":
      return `${describeArg(a.node)}.${a.chain.join(".")}`;
    case "pipe":
      return `(${describePipe(a.pipe)})`;
  }
}
function describeCommand(c) {
  return c.args.map(describeArg).join(" ");
}
function describePipe(p) {
  const decl = p.decl.length > 0 ? `${p.decl.join(", ")} ${p.isAssign ? "=" : ":="} ` : "";
  return decl + p.cmds.map(describeCommand).join(" | ");
}
var KEYWORDS, SPACE;
var init_parse = __esm({
  "src/cli/display/template/parse.ts"() {
    "use strict";
    init_values();
    KEYWORDS = /* @__PURE__ */ new Set(["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"]);
    SPACE = /[ \t\r\n]/;
  }
});

// src/cli/display/template/exec.ts
function execute(parsed, data, limits = {}) {
  const tpl = parsed.text;
  const maxOutput = limits.maxOutput ?? MAX_TEMPLATE_OUTPUT;
  const maxSteps = limits.maxSteps ?? MAX_TEMPLATE_STEPS;
  const vars = [["$", data]];
  const out = [];
  let size = 0;
  let steps = 0;
  const fail = (pos, context, msg) => {
    const before = tpl.slice(0, pos);
    const nl = before.lastIndexOf("\n");
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = nl < 0 ? pos : pos - nl - 1;
    throw new TemplateError(`template: ${TEMPLATE_NAME}:${line}:${col}: executing ${JSON.stringify(TEMPLATE_NAME)} at <${context}>: ${msg}`);
  };
  const step = (pos, context) => {
    if (++steps > maxSteps) fail(pos, context, `stopped after ${maxSteps} evaluation steps (MAX_TEMPLATE_STEPS)`);
  };
  const emit = (s2, pos, context) => {
    size += Buffer.byteLength(s2);
    if (size > maxOutput) fail(pos, context, `output exceeds ${maxOutput} bytes (MAX_TEMPLATE_OUTPUT)`);
    out.push(s2);
  };
  const lookupVar = (name) => {
    for (let i = vars.length - 1; i >= 0; i--) if (vars[i][0] === name) return vars[i][1];
    throw new EvalError(`undefined variable: ${name}`);
  };
  const setVar = (name, v) => {
    for (let i = vars.length - 1; i >= 0; i--) {
      const e = vars[i];
      if (e[0] === name) {
        e[1] = v;
        return;
      }
    }
    throw new EvalError(`undefined variable: ${name}`);
  };
  const field = (receiver, name, arg, hasArgs) => {
    if (receiver === void 0) return void 0;
    if (receiver === null) return fail(arg.pos, describeArg(arg), `nil pointer evaluating interface {}.${name}`);
    if (isMap(receiver)) {
      if (hasArgs) return fail(arg.pos, describeArg(arg), `${name} is not a method but has arguments`);
      return Object.hasOwn(receiver, name) ? receiver[name] : void 0;
    }
    return fail(arg.pos, describeArg(arg), `can't evaluate field ${name} in type interface {}`);
  };
  const chain = (receiver, names, arg, hasArgs) => {
    let v = receiver;
    names.forEach((n2, i) => {
      v = field(v, n2, arg, hasArgs && i === names.length - 1);
    });
    return v;
  };
  const evalArg = (dot, arg, kind) => {
    switch (arg.t) {
      case "number":
        if (kind === "string") return fail(arg.pos, describeArg(arg), `expected string; found ${arg.text}`);
        if (kind === "int" && arg.isFloat) return fail(arg.pos, describeArg(arg), `expected integer; found ${arg.text}`);
        return arg.v;
      case "string":
        if (kind === "int") return fail(arg.pos, describeArg(arg), `expected integer; found ${JSON.stringify(arg.v)}`);
        return arg.v;
      case "bool":
        if (kind === "string" || kind === "int") return fail(arg.pos, describeArg(arg), `expected ${kind}; found ${arg.v}`);
        return arg.v;
      case "nil":
        if (kind === "string" || kind === "int") return fail(arg.pos, "nil", `cannot assign nil to ${kind}`);
        return null;
      case "ident":
        return call(dot, arg, [], void 0, false, arg.pos, arg.name);
      default:
        return check(evalOperand(dot, arg, false), kind, arg.pos, describeArg(arg));
    }
  };
  const check = (v, kind, pos, context) => {
    if (kind === "any") return v;
    const want = kind === "int" ? "bigint" : "string";
    if (typeof v === want) return v;
    if (v === void 0 || v === null) return fail(pos, context, `invalid value; expected ${kind}`);
    return fail(pos, context, `wrong type for value; expected ${kind}; got ${typeName(v)}`);
  };
  const evalOperand = (dot, arg, hasArgs) => {
    switch (arg.t) {
      case "dot":
        return dot;
      case "field":
        return chain(dot, arg.chain, arg, hasArgs);
      case "var": {
        let v;
        try {
          v = lookupVar(arg.name);
        } catch (e) {
          return fail(arg.pos, describeArg(arg), e.message);
        }
        return chain(v, arg.chain, arg, hasArgs);
      }
      case "chain":
        return chain(evalOperand(dot, arg.node, false), arg.chain, arg, hasArgs);
      case "pipe": {
        const mark = vars.length;
        const v = evalPipeline(dot, arg.pipe);
        vars.length = mark;
        return v;
      }
      case "ident":
        return call(dot, arg, [], void 0, false, arg.pos, arg.name);
      case "number":
      case "string":
      case "bool":
        return arg.v;
      case "nil":
        return fail(arg.pos, "nil", "nil is not a command");
    }
  };
  const call = (dot, ident, args, final, hasFinal, pos, context) => {
    const name = ident.name;
    const spec = FUNCS.get(name);
    step(pos, context);
    const n2 = args.length + (hasFinal ? 1 : 0);
    const fixed = spec.params.length;
    if (spec.variadic === void 0 ? n2 !== fixed : n2 < fixed) {
      const want = spec.variadic === void 0 ? `${fixed}` : `at least ${fixed}`;
      return fail(pos, context, `wrong number of args for ${name}: want ${want} got ${n2}`);
    }
    const kindAt = (i) => i < fixed ? spec.params[i] : spec.variadic;
    if (spec.lazy) {
      const thunks = args.map((a, i) => () => evalArg(dot, a, kindAt(i)));
      if (hasFinal) thunks.push(() => final);
      try {
        return spec.lazy(thunks);
      } catch (e) {
        if (e instanceof EvalError) return fail(pos, context, `error calling ${name}: ${e.message}`);
        throw e;
      }
    }
    const values = args.map((a, i) => evalArg(dot, a, kindAt(i)));
    if (hasFinal) values.push(check(final, kindAt(args.length), pos, context));
    try {
      return spec.fn(values, emitLimit);
    } catch (e) {
      if (e instanceof EvalError) return fail(pos, context, `error calling ${name}: ${e.message}`);
      throw e;
    }
  };
  const emitLimit = { maxOutput };
  const evalCommand = (dot, cmd, final, hasFinal) => {
    const [head, ...rest] = cmd.args;
    if (head.t === "ident") return call(dot, head, rest, final, hasFinal, cmd.pos, describeCommand(cmd));
    const hasArgs = rest.length > 0 || hasFinal;
    if (hasArgs && head.t !== "field" && head.t !== "var" && head.t !== "chain") {
      return fail(head.pos, describeArg(head), `can't give argument to non-function ${describeArg(head)}`);
    }
    if (hasArgs && (head.t === "var" || head.t === "chain") && (head.t === "chain" || head.chain.length === 0)) {
      return fail(head.pos, describeArg(head), `can't give argument to non-function ${describeArg(head)}`);
    }
    return evalOperand(dot, head, hasArgs);
  };
  const evalPipeline = (dot, pipe, declare = true) => {
    let v = void 0;
    pipe.cmds.forEach((cmd, i) => {
      v = evalCommand(dot, cmd, v, i > 0);
    });
    if (declare)
      for (const d of pipe.decl) {
        if (pipe.isAssign) setVar(d, v);
        else vars.push([d, v]);
      }
    return v;
  };
  const walk2 = (dot, nodes) => {
    for (const n2 of nodes) {
      switch (n2.t) {
        case "text":
          emit(n2.v, 0, "");
          break;
        case "action": {
          step(n2.pipe.pos, "");
          const v = evalPipeline(dot, n2.pipe);
          if (n2.pipe.decl.length === 0) emit(printValue(v), n2.pipe.pos, describeCommand(n2.pipe.cmds[0]));
          break;
        }
        case "if":
        case "with": {
          const mark = vars.length;
          const v = evalPipeline(dot, n2.pipe);
          if (truth(v)) walk2(n2.t === "with" ? v : dot, n2.list);
          else if (n2.elseList) walk2(dot, n2.elseList);
          vars.length = mark;
          break;
        }
        case "range":
          range(dot, n2);
          break;
        case "break":
          throw new Break();
        case "continue":
          throw new Continue();
      }
    }
  };
  const range = (dot, n2) => {
    const mark = vars.length;
    const v = evalPipeline(dot, n2.pipe, false);
    const context = describeCommand(n2.pipe.cmds[0]);
    let items;
    if (v === void 0 || v === null) items = [];
    else if (Array.isArray(v)) items = v.map((x, i) => [BigInt(i), x]);
    else if (isMap(v))
      items = Object.keys(v).sort().map((k) => [k, v[k]]);
    else if (typeof v === "bigint") {
      if (n2.pipe.decl.length > 1) fail(n2.pipe.pos, context, `can't use ${v} to iterate over more than one variable`);
      if (v > BigInt(maxSteps)) fail(n2.pipe.pos, context, `stopped after ${maxSteps} evaluation steps (MAX_TEMPLATE_STEPS)`);
      items = [];
      for (let i = 0n; i < v; i++) items.push([i, i]);
    } else return fail(n2.pipe.pos, context, `range can't iterate over ${printValue(v)}`);
    if (items.length === 0) {
      for (const d of n2.pipe.decl) {
        if (n2.pipe.isAssign) setVar(d, v);
        else vars.push([d, v]);
      }
      if (n2.elseList) walk2(dot, n2.elseList);
      vars.length = mark;
      return;
    }
    for (const [key, elem] of items) {
      step(n2.pipe.pos, context);
      const iterMark = vars.length;
      const d = n2.pipe.decl;
      if (d.length === 1) {
        if (n2.pipe.isAssign) setVar(d[0], elem);
        else vars.push([d[0], elem]);
      } else if (d.length === 2) {
        if (n2.pipe.isAssign) {
          setVar(d[0], key);
          setVar(d[1], elem);
        } else vars.push([d[0], key], [d[1], elem]);
      }
      try {
        walk2(elem, n2.list);
      } catch (e) {
        if (e instanceof Break) {
          vars.length = iterMark;
          break;
        }
        if (!(e instanceof Continue)) throw e;
      }
      vars.length = iterMark;
    }
    vars.length = mark;
  };
  walk2(data, parsed.nodes);
  return out.join("");
}
var MAX_TEMPLATE_OUTPUT, MAX_TEMPLATE_STEPS, Break, Continue;
var init_exec = __esm({
  "src/cli/display/template/exec.ts"() {
    "use strict";
    init_funcs();
    init_parse();
    init_values();
    MAX_TEMPLATE_OUTPUT = 16 * 1024 * 1024;
    MAX_TEMPLATE_STEPS = 1e6;
    Break = class {
    };
    Continue = class {
    };
  }
});

// src/cli/display/template.ts
function renderGoTemplate(template, model, limits = {}) {
  try {
    const parsed = parseTemplate(template, (name) => FUNCS.has(name));
    return execute(parsed, fromJSON(model), limits);
  } catch (err) {
    if (err instanceof TemplateError) throw new OrasError("INVALID_ARGUMENT", err.message);
    throw err;
  }
}
var init_template = __esm({
  "src/cli/display/template.ts"() {
    "use strict";
    init_errors();
    init_exec();
    init_funcs();
    init_parse();
    init_values();
    init_exec();
  }
});

// src/cli/options/format.ts
function addFormatFlags(cmd, types = ["text", "json", "go-template"]) {
  cmd.option("--format <format>", `[Experimental] format output using a custom template: ${types.map((t) => `'${t}'`).join(", ")}`);
  cmd.option("--template <template>", "[Experimental] template used to format output");
  return cmd;
}
function parseFormatType(flags, types = ["text", "json", "go-template"]) {
  const defaultType = types[0];
  const raw = flags.format ?? defaultType;
  let type = raw;
  let template = flags.template ?? "";
  if (template !== "") {
    if (type !== "go-template") throw new OrasError("INVALID_ARGUMENT", "--template must be used with --format go-template");
  } else if (types.includes("go-template") && raw.startsWith("go-template=")) {
    type = "go-template";
    template = raw.slice("go-template=".length);
  }
  if (type === defaultType) return { type };
  if (type === "go-template" && template === "") {
    throw new OrasError("INVALID_ARGUMENT", `"go-template" format specified but no template given`, { hint: "use `--format go-template=TEMPLATE` to specify the template" });
  }
  if (!types.includes(type)) {
    throw new OrasError("INVALID_ARGUMENT", `invalid format type: ${JSON.stringify(type)}`, { hint: `supported types: ${[...types.slice(1), defaultType].join(", ")}` });
  }
  return type === "go-template" ? { type, template } : { type };
}
function parseFormat(flags, types = ["text", "json", "go-template"]) {
  const { type, template } = parseFormatType(flags, types);
  if (type === "json") return { kind: "json" };
  if (type === "go-template") return { kind: "go-template", template };
  return { kind: "text" };
}
function renderModel(format2, model) {
  if (format2.kind === "json") return formatJSON(model);
  if (format2.kind === "go-template") return renderGoTemplate(format2.template, model);
  return "";
}
var init_format = __esm({
  "src/cli/options/format.ts"() {
    "use strict";
    init_errors();
    init_json2();
    init_template();
  }
});

// src/api/progress.ts
function progressSink(opts) {
  const { onProgress, progress } = opts;
  if (!onProgress && !progress) return void 0;
  return (type, descriptor, bytes) => {
    const total = descriptor.size;
    const event = { type, descriptor, bytes: bytes ?? (type === "start" || type === "skipped" ? 0 : total), total };
    onProgress?.(event);
    progress?.emit("progress", event);
  };
}
function copyProgressHooks(opts, hooks = {}) {
  const emit = progressSink(opts);
  if (!emit) return hooks;
  return {
    preCopy: (d) => {
      emit("start", d);
      return hooks.preCopy?.(d);
    },
    postCopy: (d) => {
      emit("done", d);
      return hooks.postCopy?.(d);
    },
    onCopySkipped: (d) => {
      emit("exists", d);
      return hooks.onCopySkipped?.(d);
    },
    onMounted: (d, from) => {
      emit("mounted", d);
      return hooks.onMounted?.(d, from ?? "");
    },
    onProgress: (d, bytes) => {
      emit("bytes", d, bytes);
      hooks.onProgress?.(d, bytes);
    }
  };
}
var init_progress2 = __esm({
  "src/api/progress.ts"() {
    "use strict";
  }
});

// src/content/oci-layout/core.ts
function blobPath(digest) {
  const d = parseDigest(digest);
  return `${BLOBS_DIR}/${algorithmOf(d)}/${encodedOf(d)}`;
}
function checkLayoutFile(raw, where) {
  const v = decodeJSONObject(raw, `${where}/${LAYOUT_FILE}`);
  if (v.imageLayoutVersion !== LAYOUT_VERSION) {
    throw new OrasError(
      "UNSUPPORTED",
      `${where}: unsupported OCI layout version ${JSON.stringify(v.imageLayoutVersion ?? null)}, expected ${JSON.stringify(LAYOUT_VERSION)}`
    );
  }
}
function emptyIndex() {
  return { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [] };
}
function parseIndexFile(raw, where) {
  const what = `${where}/${INDEX_FILE}`;
  const v = decodeJSONObject(raw, what);
  if (v.schemaVersion !== 2) throw new OrasError("INVALID_MANIFEST", `${what}: schemaVersion must be 2`);
  const manifests2 = v.manifests === void 0 || v.manifests === null ? [] : v.manifests;
  if (!Array.isArray(manifests2)) throw new OrasError("INVALID_MANIFEST", `${what}: manifests must be an array`);
  const index2 = {
    schemaVersion: 2,
    manifests: manifests2.map((m, i) => parseDescriptor(m, `${what}: manifests[${i}]`))
  };
  if (typeof v.mediaType === "string" && v.mediaType !== "") index2.mediaType = v.mediaType;
  if (typeof v.artifactType === "string" && v.artifactType !== "") index2.artifactType = v.artifactType;
  if (v.subject !== void 0 && v.subject !== null) index2.subject = parseDescriptor(v.subject, `${what}: subject`);
  if (typeof v.annotations === "object" && v.annotations !== null && !Array.isArray(v.annotations)) {
    const a = {};
    for (const [k, val] of Object.entries(v.annotations)) if (typeof val === "string") a[k] = val;
    if (Object.keys(a).length > 0) index2.annotations = a;
  }
  return index2;
}
function withoutRefName(d) {
  if (d.annotations?.[Annotation.RefName] === void 0) return d;
  const { [Annotation.RefName]: _drop, ...rest } = d.annotations;
  const out = { ...d };
  if (Object.keys(rest).length > 0) out.annotations = rest;
  else delete out.annotations;
  return out;
}
function withRefName(d, ref) {
  return { ...d, annotations: { ...d.annotations, [Annotation.RefName]: ref } };
}
function encodeIndexFile(base2, manifests2) {
  return encodeIndex({ ...base2, manifests: manifests2 });
}
function manifestLinks(raw, mediaType) {
  const p = parseManifest(raw, mediaType);
  const subject = subjectOf(p);
  if (!subject) return { successors: successorsOf(p), subject };
  return { successors: successorsOf(p), subject, referrer: referrerInfoOf(p) };
}
function referrerDescriptor(node, info) {
  const plain = { mediaType: node.mediaType, digest: node.digest, size: node.size };
  return info ? referrerDescriptorOf(plain, info) : plain;
}
async function indexAll(graph, source, roots, known) {
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (graph.isIndexed(node.digest)) continue;
    let links = known?.linksOf(node.digest);
    if (links === void 0 && isManifestMediaType(node.mediaType)) {
      try {
        const raw = node.size <= MAX_MANIFEST_BYTES ? await source.readSmall(blobPath(node.digest), MAX_MANIFEST_BYTES) : void 0;
        if (raw) links = manifestLinks(raw, node.mediaType);
      } catch (err) {
        if (!OrasError.is(err)) throw err;
      }
    }
    graph.index(node, links);
    if (links) for (let i = links.successors.length - 1; i >= 0; i--) stack.push(links.successors[i]);
  }
}
async function loadLayout(source) {
  const layout = await source.readSmall(LAYOUT_FILE, 64 * 1024);
  if (!layout) throw new OrasError("NOT_FOUND", `${source.location}: not an OCI layout: missing ${LAYOUT_FILE}`);
  checkLayoutFile(layout, source.location);
  const raw = await source.readSmall(INDEX_FILE, MAX_INDEX_FILE_BYTES);
  if (!raw) throw new OrasError("NOT_FOUND", `${source.location}: not an OCI layout: missing ${INDEX_FILE}`);
  const index2 = parseIndexFile(raw, source.location);
  const refs = new RefTable();
  refs.load(index2);
  const graph = new PredecessorGraph();
  await indexAll(graph, source, index2.manifests);
  return { indexText: raw.toString("utf8"), index: index2, refs, graph };
}
function tagsAfter(tags2, last) {
  if (!last) return [...tags2];
  const l = Buffer.from(last);
  return tags2.filter((t) => Buffer.compare(Buffer.from(t), l) > 0);
}
var LAYOUT_FILE, INDEX_FILE, BLOBS_DIR, INGEST_DIR, LAYOUT_VERSION, LAYOUT_FILE_CONTENT, MAX_INDEX_FILE_BYTES, RefTable, PredecessorGraph;
var init_core = __esm({
  "src/content/oci-layout/core.ts"() {
    "use strict";
    init_errors();
    init_digest();
    init_json();
    init_manifest();
    init_mediatypes();
    init_descriptor();
    LAYOUT_FILE = "oci-layout";
    INDEX_FILE = "index.json";
    BLOBS_DIR = "blobs";
    INGEST_DIR = "ingest";
    LAYOUT_VERSION = "1.0.0";
    LAYOUT_FILE_CONTENT = `{"imageLayoutVersion":"${LAYOUT_VERSION}"}`;
    MAX_INDEX_FILE_BYTES = 64 * 1024 * 1024;
    RefTable = class {
      refs = /* @__PURE__ */ new Map();
      /** Registers each index entry under its digest and, when it has one, its ref.name. */
      load(index2) {
        for (const entry of index2.manifests) {
          const ref = entry.annotations?.[Annotation.RefName];
          if (ref) this.refs.set(ref, entry);
          if (!this.refs.has(entry.digest)) this.refs.set(entry.digest, withoutRefName(entry));
        }
      }
      /** Forgets everything and loads `index` (index.json re-read under the cross-process lock). */
      replace(index2) {
        this.refs.clear();
        this.load(index2);
      }
      get(ref) {
        return this.refs.get(ref);
      }
      set(ref, desc) {
        this.refs.set(ref, ref === desc.digest ? withoutRefName(desc) : desc);
      }
      has(ref) {
        return this.refs.has(ref);
      }
      /** Drops one tag; the manifest stays listed (untagged). False when `ref` is not a tag. */
      deleteTag(ref) {
        const d = this.refs.get(ref);
        if (!d || ref === d.digest) return false;
        this.refs.delete(ref);
        if (!this.refs.has(d.digest)) this.refs.set(d.digest, withoutRefName(d));
        return true;
      }
      /** Drops every reference to this digest; true when something was removed. */
      removeDigest(digest) {
        let removed = false;
        for (const [ref, d] of this.refs) {
          if (d.digest === digest) {
            this.refs.delete(ref);
            removed = true;
          }
        }
        return removed;
      }
      /** True when a tag (not just the digest) points at this digest. */
      isTagged(digest) {
        for (const [ref, d] of this.refs) if (d.digest === digest && ref !== digest) return true;
        return false;
      }
      /** Tags in sorted order. */
      tags() {
        const out = [];
        for (const [ref, d] of this.refs) if (ref !== d.digest) out.push(ref);
        return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      }
      /** The `manifests` of `index.json`: one entry per tag, then untagged manifests. */
      entries() {
        const out = [];
        const tagged = /* @__PURE__ */ new Set();
        for (const [ref, d] of this.refs) {
          if (ref !== d.digest) {
            out.push(withRefName(d, ref));
            tagged.add(d.digest);
          }
        }
        for (const [ref, d] of this.refs) {
          if (ref === d.digest && !tagged.has(d.digest)) out.push(d);
        }
        return out;
      }
    };
    PredecessorGraph = class {
      nodes = /* @__PURE__ */ new Map();
      successors = /* @__PURE__ */ new Map();
      subjects = /* @__PURE__ */ new Map();
      referrerInfo = /* @__PURE__ */ new Map();
      preds = /* @__PURE__ */ new Map();
      isIndexed(digest) {
        return this.nodes.has(digest);
      }
      /** What was indexed for a node (to rebuild a graph without reading its manifests again). */
      linksOf(digest) {
        if (!this.nodes.has(digest)) return void 0;
        return { successors: this.successors.get(digest) ?? [], subject: this.subjects.get(digest), referrer: this.referrerInfo.get(digest) };
      }
      index(node, links = { successors: [], subject: void 0 }) {
        this.nodes.set(node.digest, node);
        this.successors.set(node.digest, links.successors);
        if (links.subject) this.subjects.set(node.digest, links.subject);
        if (links.referrer) this.referrerInfo.set(node.digest, links.referrer);
        for (const s2 of links.successors) {
          let p = this.preds.get(s2.digest);
          if (!p) {
            p = /* @__PURE__ */ new Map();
            this.preds.set(s2.digest, p);
          }
          p.set(node.digest, node);
        }
      }
      predecessors(digest) {
        return [...this.preds.get(digest)?.values() ?? []];
      }
      /** Predecessors whose subject is `digest`. */
      referrers(digest) {
        return this.predecessors(digest).filter((p) => this.subjects.get(p.digest)?.digest === digest);
      }
      /** The referrers of `digest` as a referrers list shows them (with artifactType and annotations). */
      referrerDescriptors(digest) {
        return this.referrers(digest).map((p) => referrerDescriptor(p, this.referrerInfo.get(p.digest)));
      }
      /** Unlinks a node; returns its successors that no longer have any predecessor. */
      remove(digest) {
        const dangling = [];
        const seen = /* @__PURE__ */ new Set();
        for (const s2 of this.successors.get(digest) ?? []) {
          if (seen.has(s2.digest)) continue;
          seen.add(s2.digest);
          const p = this.preds.get(s2.digest);
          if (!p) continue;
          p.delete(digest);
          if (p.size === 0) {
            this.preds.delete(s2.digest);
            dangling.push(this.nodes.get(s2.digest) ?? s2);
          }
        }
        this.successors.delete(digest);
        this.subjects.delete(digest);
        this.referrerInfo.delete(digest);
        this.nodes.delete(digest);
        return dangling;
      }
    };
  }
});

// src/content/oci-layout/reader.ts
var LayoutReader;
var init_reader = __esm({
  "src/content/oci-layout/reader.ts"() {
    "use strict";
    init_errors();
    init_digest();
    init_manifest();
    init_mediatypes();
    init_fsutil();
    init_core();
    LayoutReader = class {
      constructor(source, refs, graph) {
        this.source = source;
        this.refs = refs;
        this.graph = graph;
      }
      source;
      refs;
      graph;
      /** Size of the blob file of `digest`, or undefined when the layout lacks it. */
      async blobSize(digest) {
        return this.source.size(blobPath(digest));
      }
      /**
       * A tag or digest as a manifest: an `index.json` entry, or a blob of at most 4 MiB whose JSON
       * declares a manifest media type (an index child, say, that has no entry of its own).
       * Undefined when there is no such manifest.
       */
      async resolveManifest(reference, opts) {
        throwIfAborted(opts?.signal);
        const desc = this.refs.get(reference);
        if (desc) return reference === desc.digest ? { mediaType: desc.mediaType, digest: desc.digest, size: desc.size } : desc;
        if (!isDigest(reference)) return void 0;
        const size = await this.source.size(blobPath(reference));
        if (size === void 0 || size > MAX_MANIFEST_BYTES) return void 0;
        const raw = await this.source.readSmall(blobPath(reference), MAX_MANIFEST_BYTES);
        let mediaType;
        try {
          mediaType = raw ? declaredMediaType(raw) : void 0;
        } catch (err) {
          if (OrasError.is(err)) return void 0;
          throw err;
        }
        return mediaType !== void 0 && isManifestMediaType(mediaType) ? { mediaType, digest: parseDigest(reference), size } : void 0;
      }
      /**
       * The manifests whose subject is `digest`, as the referrers API lists them (artifactType and
       * annotations filled in), optionally only those of one artifact type. From the predecessor
       * graph: no manifest is read. (Not named `referrers`: graph/referrers.ts treats a target with
       * that method as a remote lister.)
       */
      async referrerDescriptors(digest, opts) {
        throwIfAborted(opts?.signal);
        const all = this.graph.referrerDescriptors(digest);
        const type = opts?.artifactType;
        return type === void 0 ? all : all.filter((d) => d.artifactType === type);
      }
      async exists(desc, opts) {
        throwIfAborted(opts?.signal);
        return await this.source.size(blobPath(desc.digest)) !== void 0;
      }
      async fetch(desc, opts) {
        throwIfAborted(opts?.signal);
        return this.source.stream(blobPath(desc.digest), `${desc.digest}: ${desc.mediaType}`);
      }
      /** A tag or digest in `index.json`, or any blob by digest (typed as an octet stream). */
      async resolve(reference, opts) {
        throwIfAborted(opts?.signal);
        if (reference === "") throw new OrasError("INVALID_REFERENCE", "missing reference");
        const desc = this.refs.get(reference);
        if (desc) return reference === desc.digest ? { mediaType: desc.mediaType, digest: desc.digest, size: desc.size } : desc;
        if (isDigest(reference)) {
          const size = await this.source.size(blobPath(reference));
          if (size !== void 0) return { mediaType: MediaType.OctetStream, digest: parseDigest(reference), size };
        }
        throw new OrasError("NOT_FOUND", `${reference}: not found`);
      }
      async predecessors(desc, opts) {
        throwIfAborted(opts?.signal);
        return this.graph.predecessors(desc.digest);
      }
      async *tags(opts) {
        throwIfAborted(opts?.signal);
        yield* tagsAfter(this.refs.tags(), opts?.last);
      }
    };
  }
});

// src/content/internal/file-stream.ts
import { Readable as Readable7 } from "node:stream";
var FILE_STREAM_CHUNK_BYTES, FILE_STREAM_READS_AHEAD, FILE_STREAM_SMALL_CHUNK_BYTES, fileStreamBudget, FileRangeStream;
var init_file_stream = __esm({
  "src/content/internal/file-stream.ts"() {
    "use strict";
    init_errors();
    init_file_chunks();
    FILE_STREAM_CHUNK_BYTES = 1024 * 1024;
    FILE_STREAM_READS_AHEAD = 2;
    FILE_STREAM_SMALL_CHUNK_BYTES = 64 * 1024;
    fileStreamBudget = { used: 0, max: 64 * 1024 * 1024 };
    FileRangeStream = class extends Readable7 {
      /** Streams bytes `start`..`end` (inclusive; `end` < `start` for nothing) and closes `fh` at the end or on destroy. */
      constructor(fh, start, end, what, chunkBytes = FILE_STREAM_CHUNK_BYTES, ahead = FILE_STREAM_READS_AHEAD) {
        super({ highWaterMark: FILE_STREAM_SMALL_CHUNK_BYTES });
        this.fh = fh;
        this.what = what;
        this.chunkBytes = chunkBytes;
        this.ahead = ahead;
        this.start = start;
        this.next = start;
        this.stop = Math.max(start, end + 1);
      }
      fh;
      what;
      chunkBytes;
      ahead;
      start;
      next;
      stop;
      /** The bytes went out as `lentChunks()`. */
      lent = false;
      pending = [];
      /** Budget bytes of the chunk last pushed, given back when the consumer asks for more. */
      held = 0;
      pumping = false;
      /**
       * The same bytes as lent chunks (two reused buffers, see `reusedFileChunks`) instead of a new
       * buffer per read, for a consumer that uses each chunk before it asks for the next (a registry
       * upload). Only before the stream was read (else undefined); the stream still owns the file:
       * destroy it when done.
       */
      lentChunks() {
        if (this.lent || this.next !== this.start || this.pending.length > 0 || this.destroyed || this.readableDidRead) return void 0;
        this.lent = true;
        return lentFileRange(this.fh, this.start, this.stop, this.what, this.chunkBytes);
      }
      _read() {
        if (this.lent) {
          this.destroy(new OrasError("UNSUPPORTED", `${this.what}: the stream was read as lent chunks already`));
          return;
        }
        this.release(this.held);
        this.held = 0;
        void this.pump();
      }
      release(n2) {
        fileStreamBudget.used = Math.max(0, fileStreamBudget.used - n2);
      }
      _destroy(err, cb) {
        this.release(this.held + this.pending.reduce((sum, p) => sum + p.budget, 0));
        this.held = 0;
        this.fh.close().then(
          () => cb(err),
          () => cb(err)
        );
      }
      fill() {
        while (this.pending.length < this.ahead && this.next < this.stop) {
          const at = this.next;
          let n2 = Math.min(this.chunkBytes, this.stop - at);
          let budget = 0;
          if (n2 > FILE_STREAM_SMALL_CHUNK_BYTES) {
            if (fileStreamBudget.used + n2 <= fileStreamBudget.max) {
              budget = n2;
              fileStreamBudget.used += n2;
            } else {
              if (this.pending.length > 0 || this.held > 0) return;
              n2 = FILE_STREAM_SMALL_CHUNK_BYTES;
            }
          }
          this.next += n2;
          const read = this.readChunk(at, n2);
          read.catch(() => void 0);
          this.pending.push({ read, budget });
        }
      }
      async readChunk(at, n2) {
        const buf = Buffer.allocUnsafeSlow(n2);
        let got = 0;
        while (got < n2) {
          const { bytesRead } = await this.fh.read(buf, got, n2 - got, at + got);
          if (bytesRead === 0) throw new OrasError("UNEXPECTED_EOF", `${this.what}: file ended ${at + got} bytes in, before the expected ${this.stop}`);
          got += bytesRead;
        }
        return buf;
      }
      async pump() {
        if (this.pumping) return;
        this.pumping = true;
        try {
          for (; ; ) {
            this.fill();
            const head = this.pending[0];
            if (head === void 0) {
              if (this.next >= this.stop) this.push(null);
              return;
            }
            const buf = await head.read;
            if (this.destroyed) return;
            this.pending.shift();
            this.release(this.held);
            this.held = head.budget;
            this.fill();
            if (!this.push(buf)) return;
            this.release(this.held);
            this.held = 0;
          }
        } catch (err) {
          this.destroy(err);
        } finally {
          this.pumping = false;
        }
      }
    };
  }
});

// src/content/oci-layout/source.ts
import { constants as fsConstants4 } from "node:fs";
import { lstat as lstat5, open as open6, realpath } from "node:fs/promises";
import { join as join7, posix as posix4, sep as sep3 } from "node:path";
import { Readable as Readable8 } from "node:stream";
function tooLarge(what, size, limit) {
  return new OrasError("SIZE_EXCEEDS_LIMIT", `${what}: content size ${size} exceeds the limit of ${limit} bytes`);
}
function cleanMemberPath(name) {
  const cleaned = posix4.normalize(`/${name}`).slice(1).replace(/\/+$/, "");
  if (cleaned === "" || cleaned === "." || cleaned.split("/").includes("..")) return void 0;
  return cleaned;
}
var OPEN_FLAGS, DirSource, TarSource;
var init_source = __esm({
  "src/content/oci-layout/source.ts"() {
    "use strict";
    init_errors();
    init_file_stream();
    init_fsutil();
    init_tar_reader();
    OPEN_FLAGS = fsConstants4.O_RDONLY | fsConstants4.O_NOFOLLOW | fsConstants4.O_NONBLOCK;
    DirSource = class {
      constructor(root) {
        this.root = root;
      }
      root;
      realRoot;
      /** Directories (layout-relative) whose real path was found inside the root. */
      insideDirs = /* @__PURE__ */ new Set();
      get location() {
        return this.root;
      }
      async size(rel) {
        let st;
        try {
          await this.checkDirectory(rel);
          st = await lstat5(join7(this.root, rel));
        } catch (err) {
          if (isNotFound(err)) return void 0;
          throw err;
        }
        if (st.isDirectory()) return void 0;
        if (!st.isFile()) throw this.notRegular(rel, st);
        return st.size;
      }
      async readSmall(rel, limit) {
        const opened = await this.openFile(rel);
        if (!opened) return void 0;
        const { fh, size } = opened;
        try {
          if (size > limit) throw tooLarge(rel, size, limit);
          const buf = Buffer.alloc(size);
          let got = 0;
          while (got < size) {
            const { bytesRead } = await fh.read(buf, got, size - got, got);
            if (bytesRead === 0) break;
            got += bytesRead;
          }
          return buf.subarray(0, got);
        } finally {
          await fh.close();
        }
      }
      async stream(rel, what, range) {
        const opened = await this.openFile(rel);
        if (!opened) throw new OrasError("NOT_FOUND", `${what}: not found`);
        return new FileRangeStream(opened.fh, range?.start ?? 0, range?.end ?? opened.size - 1, what);
      }
      async close() {
      }
      /** Opens a regular file of the layout without following a symlink; undefined when absent. */
      async openFile(rel) {
        let fh;
        try {
          await this.checkDirectory(rel);
          fh = await open6(join7(this.root, rel), OPEN_FLAGS);
        } catch (err) {
          if (isNotFound(err)) return void 0;
          if (errnoOf(err) === "ELOOP") throw this.notRegular(rel);
          throw err;
        }
        try {
          const st = await fh.stat();
          if (st.isDirectory()) {
            await fh.close();
            return void 0;
          }
          if (!st.isFile()) throw this.notRegular(rel, st);
          return { fh, size: st.size };
        } catch (err) {
          await fh.close();
          throw err;
        }
      }
      /** Refuses a file whose directory resolves outside the layout root (a symlinked `blobs` or `blobs/<alg>`). */
      async checkDirectory(rel) {
        const dir = posix4.dirname(rel);
        if (dir === "." || this.insideDirs.has(dir)) return;
        this.realRoot ??= realpath(this.root);
        const root = await this.realRoot;
        const real = await realpath(join7(this.root, dir));
        const want = join7(root, dir);
        if (real !== want && !real.startsWith(root.endsWith(sep3) ? root : `${root}${sep3}`)) {
          throw new OrasError("INVALID_ARGUMENT", `${this.root}: ${dir} is a symbolic link leading outside the OCI layout; refusing to read ${rel}`);
        }
        this.insideDirs.add(dir);
      }
      notRegular(rel, st) {
        const kind = st === void 0 || st.isSymbolicLink() ? "a symbolic link" : "not a regular file";
        return new OrasError("INVALID_ARGUMENT", `${this.root}: ${rel} is ${kind}; an OCI layout's files must be regular files inside it`);
      }
    };
    TarSource = class _TarSource {
      constructor(file, members) {
        this.file = file;
        this.members = members;
      }
      file;
      members;
      /** Scans the archive's headers once (bodies are skipped by offset). */
      static async open(file) {
        const fh = await open6(file, "r");
        const members = /* @__PURE__ */ new Map();
        try {
          const st = await fh.stat();
          for await (const e of readTar(new FileBlockSource(fh, st.size))) {
            const rel = cleanMemberPath(e.path);
            if (rel === void 0) continue;
            if (e.type === "File" || e.type === "OldFile" || e.type === "ContiguousFile") {
              members.set(rel, { offset: e.offset, size: e.size });
            } else {
              members.delete(rel);
            }
          }
        } catch (err) {
          if (OrasError.is(err)) throw new OrasError(err.code, `${file}: ${err.message}`, { cause: err });
          throw err;
        } finally {
          await fh.close();
        }
        return new _TarSource(file, members);
      }
      get location() {
        return this.file;
      }
      async size(rel) {
        return this.members.get(rel)?.size;
      }
      async readSmall(rel, limit) {
        const m = this.members.get(rel);
        if (!m) return void 0;
        if (m.size > limit) throw tooLarge(rel, m.size, limit);
        const fh = await open6(this.file, "r");
        try {
          const buf = Buffer.alloc(m.size);
          let got = 0;
          while (got < m.size) {
            const { bytesRead } = await fh.read(buf, got, m.size - got, m.offset + got);
            if (bytesRead === 0) throw new OrasError("UNEXPECTED_EOF", `${this.file}: ${rel}: unexpected EOF`);
            got += bytesRead;
          }
          return buf;
        } finally {
          await fh.close();
        }
      }
      async stream(rel, what) {
        const m = this.members.get(rel);
        if (!m) throw new OrasError("NOT_FOUND", `${what}: not found`);
        if (m.size === 0) return Readable8.from([], { objectMode: false });
        const fh = await open6(this.file, "r");
        return fh.createReadStream({ start: m.offset, end: m.offset + m.size - 1, autoClose: true });
      }
      async close() {
      }
    };
  }
});

// src/content/oci-layout/readonly.ts
var ReadOnlyOciLayout;
var init_readonly = __esm({
  "src/content/oci-layout/readonly.ts"() {
    "use strict";
    init_core();
    init_reader();
    init_source();
    ReadOnlyOciLayout = class _ReadOnlyOciLayout extends LayoutReader {
      constructor(source, refs, graph) {
        super(source, refs, graph);
      }
      /** Where the layout is read from (directory or tar file). */
      get location() {
        return this.source.location;
      }
      /** A layout directory, read only. */
      static async fromDirectory(dir) {
        return _ReadOnlyOciLayout.fromSource(new DirSource(dir));
      }
      /** An uncompressed tar archive of a layout; its headers are scanned once. */
      static async fromTar(file) {
        return _ReadOnlyOciLayout.fromSource(await TarSource.open(file));
      }
      static async fromSource(source) {
        const loaded = await loadLayout(source);
        return new _ReadOnlyOciLayout(source, loaded.refs, loaded.graph);
      }
      /** The `index.json` manifests as loaded. */
      indexEntries() {
        return this.refs.entries();
      }
      async close() {
        await this.source.close();
      }
    };
  }
});

// src/content/oci-layout/store.ts
import { chmod as chmod2, copyFile as copyFile2, link as link3, mkdir as mkdir4, rename as rename4, stat as stat4, unlink as unlink4, writeFile } from "node:fs/promises";
import { join as join8 } from "node:path";
import { pipeline as pipeline5 } from "node:stream/promises";
function manifestLinksOrThrow(raw, desc) {
  try {
    return manifestLinks(raw, desc.mediaType);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new OrasError("INVALID_MANIFEST", `${desc.digest}: ${msg}`, { cause: err });
  }
}
async function unlinkOrThrow(path) {
  try {
    await unlink4(path);
  } catch (err) {
    if (isNotFound(err)) throw new OrasError("NOT_FOUND", `${path}: not found`, { cause: err });
    throw err;
  }
}
var INDEX_LOCK_FILE, OciLayoutStore;
var init_store2 = __esm({
  "src/content/oci-layout/store.ts"() {
    "use strict";
    init_errors();
    init_digest();
    init_manifest();
    init_mediatypes();
    init_fsutil();
    init_verify();
    init_core();
    init_ingest();
    init_mutex();
    init_reader();
    init_source();
    INDEX_LOCK_FILE = ".oras-ts-index.lock";
    OciLayoutStore = class _OciLayoutStore extends LayoutReader {
      root;
      autoGC;
      durable;
      baseIndex;
      mutex = new Mutex();
      ingestReady;
      /** The `index.json` text last written or read by this store (to notice other writers). */
      lastIndexText;
      /** `index.json`'s inode, size and mtime when `refresh` last looked. */
      lastIndexStamp;
      constructor(root, base2, refs, graph, opts) {
        super(new DirSource(root), refs, graph);
        this.root = root;
        this.baseIndex = base2;
        this.autoGC = opts.autoGC ?? true;
        this.durable = opts.durable ?? false;
      }
      /**
       * Opens (creating when missing) a layout directory: writes `oci-layout` and an empty
       * `index.json` if absent, refuses other layout versions, loads tags and the graph.
       */
      static async open(root, opts = {}) {
        const create = opts.create ?? true;
        if (create) await mkdir4(root, { recursive: true });
        const st = await stat4(root);
        if (!st.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${root}: not a directory`);
        if (create && await stat4(join8(root, LAYOUT_FILE)).catch(() => void 0) === void 0) {
          await createFileExclusive(root, LAYOUT_FILE, LAYOUT_FILE_CONTENT);
        }
        const source = new DirSource(root);
        const layoutRaw = await source.readSmall(LAYOUT_FILE, 64 * 1024);
        if (layoutRaw) checkLayoutFile(layoutRaw, root);
        if (create && await source.size(INDEX_FILE) === void 0) {
          await createFileExclusive(root, INDEX_FILE, encodeIndexFile(emptyIndex(), []));
        }
        const loaded = await loadLayout(source);
        const store = new _OciLayoutStore(root, loaded.index, loaded.refs, loaded.graph, opts);
        store.lastIndexText = loaded.indexText;
        return store;
      }
      blobFile(digest) {
        return join8(this.root, blobPath(digest));
      }
      /**
       * Stores content after verifying size and digest. Content already present is not
       * written again (the push succeeds); a manifest still gets its index entry.
       */
      async push(desc, body, opts) {
        await this.pushAndTag(desc, body, void 0, opts);
      }
      /**
       * Pushes a manifest and tags it in the same `index.json` update (one write instead of two,
       * and no moment where it is listed untagged): the server's `PUT /manifests/<tag>`.
       */
      async pushTagged(desc, body, reference, opts) {
        if (reference === "") throw new OrasError("INVALID_REFERENCE", "missing reference");
        if (isDigest(reference) && reference !== desc.digest) {
          throw new OrasError("INVALID_REFERENCE", `digest reference ${reference} does not match ${desc.digest}`);
        }
        await this.pushAndTag(desc, body, reference, opts);
      }
      async pushAndTag(desc, body, reference, opts) {
        const signal = opts?.signal;
        throwIfAborted(signal);
        const rel = blobPath(desc.digest);
        const isManifest = isManifestMediaType(desc.mediaType);
        let links;
        if (await this.exists(desc)) {
          discardBody(body);
          if (isManifest && !this.refs.has(desc.digest)) {
            const raw = await this.source.readSmall(rel, MAX_MANIFEST_BYTES);
            if (raw) links = manifestLinksOrThrow(raw, desc);
          }
        } else if (isManifest) {
          let raw;
          try {
            raw = await readAllVerified(body, desc);
          } catch (err) {
            discardBody(body);
            throw err;
          }
          links = manifestLinksOrThrow(raw, desc);
          await this.commit(desc, rel, async (tmp) => {
            await writeFile(tmp, raw, { flag: "wx", mode: 420 });
          });
        } else {
          await this.commit(desc, rel, async (tmp) => {
            await withWriteStream(tmp, { flags: "wx", mode: 420 }, (ws) => pipeline5(body, verifier(desc), ws, signal ? { signal } : {}));
          });
        }
        if (links) {
          const l = links;
          await this.updateIndex(async () => {
            this.graph.index(desc, l);
            let changed = false;
            if (!this.refs.has(desc.digest)) {
              this.refs.set(desc.digest, desc);
              changed = true;
            }
            if (reference !== void 0 && reference !== desc.digest) {
              this.refs.set(reference, desc);
              changed = true;
            }
            if (changed) await this.saveIndex();
          });
        } else {
          this.indexBlob(desc);
          if (reference !== void 0) await this.tag(desc, reference, opts);
        }
      }
      /** Writes a blob through `ingest/<hex>_<rand>`, makes it read-only, renames it into place. */
      async commit(desc, rel, write) {
        this.ingestReady ??= mkdir4(join8(this.root, INGEST_DIR), { recursive: true }).then(() => void 0);
        try {
          await this.ingestReady;
        } catch (err) {
          this.ingestReady = void 0;
          throw err;
        }
        const tmp = join8(this.root, INGEST_DIR, `${encodedOf(parseDigest(desc.digest))}_${randomSuffix()}`);
        const final = join8(this.root, rel);
        try {
          await write(tmp);
          if (this.durable) await syncFile(tmp);
          await chmod2(tmp, 292);
          await mkdir4(join8(final, ".."), { recursive: true });
          await rename4(tmp, final);
        } catch (err) {
          await unlinkQuiet(tmp);
          throw normalizeAbort(err);
        }
        if (this.durable) await syncDir(join8(final, ".."));
      }
      /**
       * Makes a file the blob of `desc` without reading it: `move` renames it into place (it must be
       * on the same file system), `link` hard-links it (copies when linking fails). The caller has
       * verified that the file's digest and size are `desc`'s (an upload it hashed, a blob of another
       * layout). Content already present is kept (a moved file is then left where it was).
       */
      async adoptBlob(desc, file, how, opts) {
        throwIfAborted(opts?.signal);
        const final = this.blobFile(desc.digest);
        if (await this.blobSize(desc.digest) === void 0) {
          await mkdir4(join8(final, ".."), { recursive: true });
          if (how === "move") {
            await chmod2(file, 292);
            try {
              await rename4(file, final);
            } catch (err) {
              if (errnoOf(err) !== "EXDEV") throw err;
              await this.commit(desc, blobPath(desc.digest), (tmp) => copyFile2(file, tmp));
              return this.indexBlob(desc);
            }
          } else {
            await this.commit(desc, blobPath(desc.digest), async (tmp) => {
              try {
                await link3(file, tmp);
              } catch (err) {
                if (isNotFound(err)) throw new OrasError("NOT_FOUND", `${desc.digest}: ${desc.mediaType}: not found`, { cause: err });
                await copyFile2(file, tmp);
              }
            });
            return this.indexBlob(desc);
          }
          if (this.durable) await syncDir(join8(final, ".."));
        }
        this.indexBlob(desc);
      }
      indexBlob(desc) {
        if (!isManifestMediaType(desc.mediaType) && !this.graph.isIndexed(desc.digest)) this.graph.index(desc);
      }
      /** Streams bytes `start`..`end` (inclusive) of a blob; NOT_FOUND when absent. */
      async fetchRange(desc, start, end, opts) {
        throwIfAborted(opts?.signal);
        return this.source.stream(blobPath(desc.digest), `${desc.digest}: ${desc.mediaType}`, { start, end });
      }
      /** Tags existing content; the index entry carries the descriptor's annotations and artifactType. */
      async tag(desc, reference, opts) {
        throwIfAborted(opts?.signal);
        if (reference === "") throw new OrasError("INVALID_REFERENCE", "missing reference");
        if (!await this.exists(desc)) throw new OrasError("NOT_FOUND", `${desc.digest}: ${desc.mediaType}: not found`);
        if (isDigest(reference) && reference !== desc.digest) {
          throw new OrasError("INVALID_REFERENCE", `digest reference ${reference} does not match ${desc.digest}`);
        }
        await this.updateIndex(async () => {
          if (reference !== desc.digest && !this.refs.has(desc.digest)) this.refs.set(desc.digest, desc);
          this.refs.set(reference, desc);
          if (isManifestMediaType(desc.mediaType) && !this.graph.isIndexed(desc.digest)) {
            const raw = await this.source.readSmall(blobPath(desc.digest), MAX_MANIFEST_BYTES).catch(() => void 0);
            if (raw) {
              try {
                this.graph.index(desc, manifestLinks(raw, desc.mediaType));
              } catch {
                this.graph.index(desc);
              }
            }
          }
          await this.saveIndex();
        });
      }
      /** Removes a tag (the manifest stays, untagged). NOT_FOUND when `reference` is no tag of this layout. */
      async untag(reference, opts) {
        throwIfAborted(opts?.signal);
        await this.updateIndex(async () => {
          if (!this.refs.deleteTag(reference)) throw new OrasError("NOT_FOUND", `${reference}: not found`);
          await this.saveIndex();
        });
      }
      /**
       * Deletes content and its index entries. With autoGC (default), referrers of a deleted
       * manifest and successors left dangling and untagged are deleted too.
       */
      async delete(desc, opts) {
        throwIfAborted(opts?.signal);
        if (!await this.exists(desc)) throw new OrasError("NOT_FOUND", `${desc.digest}: ${desc.mediaType}: not found`);
        await this.updateIndex(async () => {
          const queue = [desc];
          const done = /* @__PURE__ */ new Set();
          let indexChanged = false;
          while (queue.length > 0) {
            const head = queue.shift();
            if (done.has(head.digest)) continue;
            done.add(head.digest);
            if (this.autoGC && isManifestMediaType(head.mediaType)) queue.push(...this.graph.referrers(head.digest));
            if (this.refs.removeDigest(head.digest)) indexChanged = true;
            const dangling = this.graph.remove(head.digest);
            try {
              await unlinkOrThrow(this.blobFile(head.digest));
            } catch (err) {
              if (head !== desc && OrasError.is(err) && err.code === "NOT_FOUND") continue;
              throw err;
            }
            if (this.autoGC) {
              for (const d of dangling) if (!this.refs.isTagged(d.digest)) queue.push(d);
            }
          }
          if (indexChanged) await this.saveIndex();
        });
      }
      /** The current `index.json` manifests (one per tag, then untagged manifests). */
      indexEntries() {
        return this.refs.entries();
      }
      /** Rewrites `index.json` atomically. Callers hold the mutex. */
      async saveIndex() {
        const manifests2 = this.refs.entries();
        this.baseIndex = { ...this.baseIndex, manifests: manifests2 };
        const text = encodeIndexFile(this.baseIndex, manifests2);
        await writeFileAtomic(join8(this.root, INDEX_FILE), text, { durable: this.durable });
        this.lastIndexText = text;
      }
      /** Writes `index.json` now (useful after external changes); safe to call concurrently. */
      async saveIndexFile() {
        await this.updateIndex(() => this.saveIndex());
      }
      /**
       * Runs an `index.json` update serialized in-process (mutex) and across processes (the
       * `.oras-ts-index.lock` file, created with O_EXCL; a lock whose owner died is taken
       * over). The file is re-read first when another process changed it, so updates merge
       * instead of overwriting each other.
       */
      updateIndex(fn) {
        return this.mutex.run(async () => {
          const release = await acquireFileLock(join8(this.root, INDEX_LOCK_FILE));
          try {
            await this.syncIndexFromDisk();
            return await fn();
          } finally {
            await release();
          }
        });
      }
      /**
       * Picks up what another process (the CLI beside `serve`, another store) wrote to `index.json`
       * since this store last read or wrote it: one `stat` when nothing changed. Readers that share
       * a layout with other writers call it before answering.
       */
      async refresh() {
        const st = await stat4(join8(this.root, INDEX_FILE)).catch((err) => {
          if (isNotFound(err)) return void 0;
          throw err;
        });
        const stamp = st ? `${st.ino}:${st.size}:${st.mtimeMs}` : "none";
        if (stamp === this.lastIndexStamp) return;
        await this.mutex.run(() => this.syncIndexFromDisk());
        this.lastIndexStamp = stamp;
      }
      /**
       * Reloads tags and entries from `index.json` when its bytes differ from what this store last
       * wrote or read, and rebuilds the graph from them (manifests already indexed are not read
       * again; manifests another process deleted leave it).
       */
      async syncIndexFromDisk() {
        const raw = await this.source.readSmall(INDEX_FILE, MAX_INDEX_FILE_BYTES);
        if (raw === void 0) return;
        const text = raw.toString("utf8");
        if (text === this.lastIndexText) return;
        const index2 = parseIndexFile(raw, this.root);
        const graph = new PredecessorGraph();
        await indexAll(graph, this.source, index2.manifests, this.graph);
        this.refs.replace(index2);
        this.baseIndex = index2;
        this.graph = graph;
        this.lastIndexText = text;
      }
      async close() {
        await this.mutex.run(async () => void 0);
      }
    };
  }
});

// src/content/oci-layout/tar.ts
import { rename as rename5, stat as stat5 } from "node:fs/promises";
import { basename as basename4, dirname as dirname4, join as join9 } from "node:path";
import { pipeline as pipeline6 } from "node:stream/promises";
async function writeOciLayoutTar(layoutDir, tarPath, opts = {}) {
  await stat5(join9(layoutDir, LAYOUT_FILE));
  await stat5(join9(layoutDir, INDEX_FILE));
  const tmp = join9(dirname4(tarPath), `.${basename4(tarPath)}.${randomSuffix()}.tmp`);
  const counter = new HashingStream();
  const top = /* @__PURE__ */ new Set([LAYOUT_FILE, INDEX_FILE, BLOBS_DIR]);
  const signal = opts.signal;
  try {
    const tree = tarTree(layoutDir, {
      prefix: "",
      dirSlash: true,
      include: (rel) => top.has(rel.split("/")[0]),
      signal
    });
    await withWriteStream(tmp, { flags: "wx", mode: 420 }, (ws) => pipeline6(tree, counter, ws, signal ? { signal } : {}));
    await rename5(tmp, tarPath);
  } catch (err) {
    await unlinkQuiet(tmp);
    throw normalizeAbort(err);
  }
  return { size: counter.size };
}
var init_tar = __esm({
  "src/content/oci-layout/tar.ts"() {
    "use strict";
    init_errors();
    init_fsutil();
    init_hashing();
    init_tar_writer();
    init_core();
  }
});

// src/content/oci-layout/index.ts
import { open as open7, stat as stat6 } from "node:fs/promises";
async function isTarFile(path) {
  if (path.toLowerCase().endsWith(".tar")) return true;
  const fh = await open7(path, "r");
  try {
    const buf = Buffer.alloc(5);
    const { bytesRead } = await fh.read(buf, 0, 5, 257);
    return bytesRead === 5 && buf.toString("latin1") === "ustar";
  } finally {
    await fh.close();
  }
}
async function openOciLayout(path, opts = {}) {
  let isFile = false;
  try {
    const st = await stat6(path);
    isFile = st.isFile();
    if (!isFile && !st.isDirectory()) throw new OrasError("INVALID_ARGUMENT", `${path}: not a directory or tar file`);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    if (opts.readOnly) throw new OrasError("NOT_FOUND", `${path}: OCI layout not found`, { cause: err });
  }
  if (isFile) {
    if (!opts.readOnly) throw new OrasError("UNSUPPORTED", `${path}: an OCI layout tar archive can only be read`);
    if (!await isTarFile(path)) throw new OrasError("INVALID_ARGUMENT", `${path}: not a tar archive`);
    return ReadOnlyOciLayout.fromTar(path);
  }
  if (opts.readOnly) return ReadOnlyOciLayout.fromDirectory(path);
  return OciLayoutStore.open(path, opts);
}
var init_oci_layout = __esm({
  "src/content/oci-layout/index.ts"() {
    "use strict";
    init_errors();
    init_fsutil();
    init_readonly();
    init_store2();
    init_core();
    init_readonly();
    init_store2();
    init_tar();
  }
});

// src/content/read-cache.ts
function withReadCache(remote2, cache, stats = { hits: 0, misses: 0 }) {
  const inflight = /* @__PURE__ */ new Map();
  const fill = (desc, body, opts) => {
    let p = inflight.get(desc.digest);
    if (!p) {
      p = (async () => {
        await cache.push(desc, await body(), opts);
      })();
      inflight.set(desc.digest, p);
      const done = () => inflight.delete(desc.digest);
      p.then(done, done);
    }
    return p;
  };
  const fetch = async (desc, opts) => {
    if (await cache.exists(desc, opts)) {
      stats.hits++;
      return cache.fetch(desc, opts);
    }
    stats.misses++;
    await fill(desc, () => remote2.fetch(desc, opts), opts);
    return cache.fetch(desc, opts);
  };
  const fetchReference = async (reference, opts) => {
    const { desc, body } = await remote2.fetchReference(reference, opts);
    if (await cache.exists(desc, opts)) {
      body.destroy();
      stats.hits++;
    } else {
      stats.misses++;
      await fill(desc, async () => body, opts);
    }
    return { desc, body: await cache.fetch(desc, opts) };
  };
  const resolveBlob2 = (target2) => async (digest, opts) => {
    try {
      const desc = await cache.resolve(digest, opts);
      stats.hits++;
      return desc;
    } catch {
      return target2.resolveBlob(digest, opts);
    }
  };
  return new Proxy(remote2, {
    get(target2, prop, receiver) {
      if (prop === "fetch") return fetch;
      if (prop === "fetchReference") return canFetchReference(target2) ? fetchReference : void 0;
      if (prop === "resolveBlob" && typeof Reflect.get(target2, prop) === "function") return resolveBlob2(target2);
      if (prop === "fetchFrom") return void 0;
      const value = Reflect.get(target2, prop, receiver);
      return typeof value === "function" ? value.bind(target2) : value;
    }
  });
}
var init_read_cache = __esm({
  "src/content/read-cache.ts"() {
    "use strict";
    init_storage();
  }
});

// src/oci/reference.ts
import { isIPv6 } from "node:net";
function isValidTag(tag2) {
  return TAG_RE.test(tag2);
}
function isValidRepository(repo) {
  return REPOSITORY_RE.test(repo);
}
function invalid(why, cause) {
  return new OrasError("INVALID_REFERENCE", `invalid reference: ${why}`, cause === void 0 ? void 0 : { cause });
}
function isValidRegistry(registry) {
  if (registry === "") return false;
  let host = registry;
  let port;
  if (registry.startsWith("[")) {
    const end = registry.indexOf("]");
    if (end < 0) return false;
    host = registry.slice(1, end);
    const rest = registry.slice(end + 1);
    if (rest !== "") {
      if (!rest.startsWith(":")) return false;
      port = rest.slice(1);
    }
    if (host.includes("%") || !isIPv6(host)) return false;
  } else {
    const colon = registry.indexOf(":");
    if (colon >= 0) {
      host = registry.slice(0, colon);
      port = registry.slice(colon + 1);
    }
    if (!HOST_RE.test(host)) return false;
  }
  return port === void 0 || /^[0-9]*$/.test(port);
}
function checkDigest2(reference) {
  try {
    parseDigest(reference);
  } catch (err) {
    throw invalid(err.message, err);
  }
}
function parseReference(raw) {
  const slash = raw.indexOf("/");
  if (slash < 0) throw invalid("missing registry or repository");
  const registry = raw.slice(0, slash);
  let repository = raw.slice(slash + 1);
  let reference = "";
  let isTag = false;
  const at = repository.indexOf("@");
  if (at >= 0) {
    reference = repository.slice(at + 1);
    repository = repository.slice(0, at);
    const colon = repository.indexOf(":");
    if (colon >= 0) repository = repository.slice(0, colon);
  } else {
    const colon = repository.indexOf(":");
    if (colon >= 0) {
      isTag = true;
      reference = repository.slice(colon + 1);
      repository = repository.slice(0, colon);
    }
  }
  if (!isValidRegistry(registry)) throw invalid(`invalid registry ${JSON.stringify(registry)}`);
  if (!isValidRepository(repository)) throw invalid(`invalid repository ${JSON.stringify(repository)}`);
  if (isDockerHub(registry) && !repository.includes("/")) repository = `library/${repository}`;
  if (reference !== "") {
    if (isTag) {
      if (!isValidTag(reference)) throw invalid(`invalid tag ${JSON.stringify(reference)}`);
    } else {
      checkDigest2(reference);
    }
  }
  return { registry, repository, reference };
}
function isDockerHub(registry) {
  return registry === "docker.io" || registry === "registry-1.docker.io" || registry === "index.docker.io";
}
function registryHost(registry) {
  return isDockerHub(registry) ? "registry-1.docker.io" : registry;
}
function repositoryPath(r) {
  return `${r.registry}/${r.repository}`;
}
function splitTagList(raw) {
  const parts = raw.split(",");
  return { ref: parts[0], extraTags: parts.slice(1) };
}
function parseLayoutReference(raw) {
  const at = raw.lastIndexOf("@");
  if (at >= 0) {
    const path2 = raw.slice(0, at);
    const reference = raw.slice(at + 1);
    if (path2 === "") throw invalid(`found empty file path in ${JSON.stringify(raw)}`);
    if (reference !== "") checkDigest2(reference);
    return { path: path2, reference };
  }
  const colon = raw.lastIndexOf(":");
  if (colon < 0 || colon === 1 && DRIVE_RE.test(raw)) {
    if (raw === "") throw invalid(`found empty file path in ${JSON.stringify(raw)}`);
    return { path: raw, reference: "" };
  }
  const path = raw.slice(0, colon);
  if (path === "") throw invalid(`found empty file path in ${JSON.stringify(raw)}`);
  return { path, reference: raw.slice(colon + 1) };
}
var COMPONENT, REPOSITORY_RE, TAG_RE, HOST_RE, DRIVE_RE;
var init_reference = __esm({
  "src/oci/reference.ts"() {
    "use strict";
    init_errors();
    init_digest();
    COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    REPOSITORY_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
    TAG_RE = /^\w[\w.-]{0,127}$/;
    HOST_RE = /^[A-Za-z0-9._~!$&'()*+,;=-]+$/;
    DRIVE_RE = /^[A-Za-z]:[\\/]/;
  }
});

// src/registry/auth/credential.ts
function isEmptyCredential(c) {
  return !c.username && !c.password && !c.refreshToken && !c.accessToken;
}
var EMPTY_CREDENTIAL;
var init_credential = __esm({
  "src/registry/auth/credential.ts"() {
    "use strict";
    EMPTY_CREDENTIAL = Object.freeze({});
  }
});

// src/registry/auth/secret-json.ts
function jsonSyntaxErrorLocation(text) {
  const found = firstSyntaxError(text);
  if (found === void 0) return void 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < found.offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: found.offset - lineStart + 1, offset: found.offset, problem: found.problem };
}
function parseSecretJSON(text, onError) {
  try {
    return JSON.parse(text);
  } catch {
  }
  const at = jsonSyntaxErrorLocation(text);
  throw onError(at === void 0 ? "invalid JSON" : `invalid JSON at line ${at.line}, column ${at.column} (${at.problem})`);
}
function firstSyntaxError(s2) {
  let i = 0;
  const n2 = s2.length;
  const stack = [];
  const fail = (problem) => ({ offset: i, problem: i >= n2 ? "unexpected end of input" : problem });
  const skipWs = () => {
    while (i < n2 && WS.has(s2.charCodeAt(i))) i++;
  };
  const literal = (word) => {
    if (s2.startsWith(word, i)) {
      i += word.length;
      return true;
    }
    return false;
  };
  const isDigit = (c) => c >= 48 && c <= 57;
  const string = () => {
    i++;
    while (i < n2) {
      const c = s2.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 32) return false;
      if (c === 92) {
        i++;
        const e = s2.charCodeAt(i);
        if (e === 117) {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(s2.charAt(i + k))) {
              i += k;
              return false;
            }
          }
          i += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(s2.charAt(i)) || i >= n2) return false;
      }
      i++;
    }
    return false;
  };
  const number = () => {
    if (s2.charCodeAt(i) === 45) i++;
    if (s2.charCodeAt(i) === 48) i++;
    else if (isDigit(s2.charCodeAt(i))) while (isDigit(s2.charCodeAt(i))) i++;
    else return false;
    if (s2.charCodeAt(i) === 46) {
      i++;
      if (!isDigit(s2.charCodeAt(i))) return false;
      while (isDigit(s2.charCodeAt(i))) i++;
    }
    if (s2.charCodeAt(i) === 101 || s2.charCodeAt(i) === 69) {
      i++;
      if (s2.charCodeAt(i) === 43 || s2.charCodeAt(i) === 45) i++;
      if (!isDigit(s2.charCodeAt(i))) return false;
      while (isDigit(s2.charCodeAt(i))) i++;
    }
    return true;
  };
  const member = (noName) => {
    if (s2.charCodeAt(i) !== 34) return fail(noName);
    if (!string()) return fail("invalid string");
    skipWs();
    if (s2.charCodeAt(i) !== 58) return fail("expected ':'");
    i++;
    return void 0;
  };
  for (; ; ) {
    skipWs();
    const c = s2.charCodeAt(i);
    if (c === 123 || c === 91) {
      stack.push(c);
      i++;
      skipWs();
      const close = c === 123 ? 125 : 93;
      if (s2.charCodeAt(i) === close) {
        stack.pop();
        i++;
      } else if (c === 123) {
        const bad3 = member("expected a property name or '}'");
        if (bad3 !== void 0) return bad3;
        continue;
      } else {
        continue;
      }
    } else if (c === 34) {
      if (!string()) return fail("invalid string");
    } else if (c === 45 || isDigit(c)) {
      if (!number()) return fail("invalid number");
    } else if (!(literal("true") || literal("false") || literal("null"))) {
      return fail("expected a value");
    }
    for (; ; ) {
      skipWs();
      const top = stack[stack.length - 1];
      if (top === void 0) return i < n2 ? fail("unexpected data after the JSON value") : void 0;
      const d = s2.charCodeAt(i);
      const close = top === 123 ? 125 : 93;
      if (d === close) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== 44) return fail(top === 123 ? "expected ',' or '}'" : "expected ',' or ']'");
      i++;
      if (top === 123) {
        skipWs();
        const bad3 = member("expected a property name");
        if (bad3 !== void 0) return bad3;
      }
      break;
    }
  }
}
var WS;
var init_secret_json = __esm({
  "src/registry/auth/secret-json.ts"() {
    "use strict";
    WS = /* @__PURE__ */ new Set([32, 9, 10, 13]);
  }
});

// src/registry/auth/docker-config.ts
import { chmod as chmod3, mkdir as mkdir5, readFile as readFile2, realpath as realpath2 } from "node:fs/promises";
import { dirname as dirname5 } from "node:path";
function serverAddressFromRegistry(registry) {
  return DOCKER_HUB_NAMES.has(registry) ? DOCKER_HUB_SERVER_ADDRESS : registry;
}
function toHostname(address) {
  let a = address;
  if (a.startsWith("http://")) a = a.slice("http://".length);
  else if (a.startsWith("https://")) a = a.slice("https://".length);
  const slash = a.indexOf("/");
  return slash >= 0 ? a.slice(0, slash) : a;
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function credentialFromAuthEntry(entry, where) {
  if (!isObject(entry)) {
    throw new OrasError("INVALID_ARGUMENT", `invalid config format: auths entry for ${where} is not an object`);
  }
  const field = (name) => {
    const v = entry[name];
    if (v === void 0 || v === null) return "";
    if (typeof v !== "string") {
      throw new OrasError("INVALID_ARGUMENT", `invalid config format: field "${name}" of the auths entry for ${where} is not a string`);
    }
    return v;
  };
  let username = field("username");
  let password = field("password");
  const auth = field("auth");
  if (auth !== "") {
    if (!BASE64_RE2.test(auth)) {
      throw new OrasError("INVALID_ARGUMENT", `invalid config format: field "auth" of the auths entry for ${where} is not valid base64`);
    }
    const decoded = Buffer.from(auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) {
      throw new OrasError(
        "INVALID_ARGUMENT",
        `invalid config format: field "auth" of the auths entry for ${where} does not conform to base64(username:password)`
      );
    }
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  const out = {};
  if (username !== "") out.username = username;
  if (password !== "") out.password = password;
  const identity = field("identitytoken");
  if (identity !== "") out.refreshToken = identity;
  const registryToken = field("registrytoken");
  if (registryToken !== "") out.accessToken = registryToken;
  return out;
}
function authEntryFromCredential(cred) {
  const entry = {};
  const user = cred.username ?? "";
  const pass = cred.password ?? "";
  if (user !== "" || pass !== "") entry.auth = Buffer.from(`${user}:${pass}`, "utf8").toString("base64");
  if (cred.refreshToken) entry.identitytoken = cred.refreshToken;
  if (cred.accessToken) entry.registrytoken = cred.accessToken;
  return entry;
}
function validateCredentialFormat(cred) {
  if (cred.username?.includes(":")) {
    throw new OrasError("INVALID_ARGUMENT", "bad credential format: colons(:) are not allowed in username");
  }
}
var DOCKER_HUB_SERVER_ADDRESS, DOCKER_HUB_NAMES, BASE64_RE2, DockerConfig, FileCredentialStore;
var init_docker_config = __esm({
  "src/registry/auth/docker-config.ts"() {
    "use strict";
    init_fsutil();
    init_errors();
    init_credential();
    init_secret_json();
    DOCKER_HUB_SERVER_ADDRESS = "https://index.docker.io/v1/";
    DOCKER_HUB_NAMES = /* @__PURE__ */ new Set(["docker.io", "registry-1.docker.io", "index.docker.io"]);
    BASE64_RE2 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
    DockerConfig = class _DockerConfig {
      path;
      content;
      constructor(path, content) {
        this.path = path;
        this.content = content;
      }
      /** Reads `path`; a missing or empty (whitespace-only) file is an empty config. */
      static async load(path) {
        let text;
        try {
          text = await readFile2(path, "utf8");
        } catch (err) {
          if (err.code === "ENOENT") return new _DockerConfig(path, {});
          throw new OrasError("INVALID_ARGUMENT", `failed to read config file ${path}: ${err.message}`, { cause: err });
        }
        if (text.trim() === "") return new _DockerConfig(path, {});
        const parsed = parseSecretJSON(text, (what) => new OrasError("INVALID_ARGUMENT", `invalid config format: failed to parse config file ${path}: ${what}`));
        if (!isObject(parsed)) {
          throw new OrasError("INVALID_ARGUMENT", `invalid config format: config file ${path} is not a JSON object`);
        }
        for (const key of ["auths", "credHelpers"]) {
          const v = parsed[key];
          if (v !== void 0 && v !== null && !isObject(v)) {
            throw new OrasError("INVALID_ARGUMENT", `invalid config format: "${key}" in config file ${path} is not an object`);
          }
        }
        const cs = parsed.credsStore;
        if (cs !== void 0 && cs !== null && typeof cs !== "string") {
          throw new OrasError("INVALID_ARGUMENT", `invalid config format: "credsStore" in config file ${path} is not a string`);
        }
        return new _DockerConfig(path, parsed);
      }
      auths() {
        const a = this.content.auths;
        return isObject(a) ? a : {};
      }
      /** `credsStore`, or "" when unset. */
      credentialsStore() {
        const cs = this.content.credsStore;
        return typeof cs === "string" ? cs : "";
      }
      /** `credHelpers[serverAddress]` (also tried by hostname), or "" when unset. */
      credentialHelper(serverAddress) {
        const helpers = this.content.credHelpers;
        if (!isObject(helpers)) return "";
        for (const key of [serverAddress, toHostname(serverAddress)]) {
          const v = helpers[key];
          if (typeof v === "string" && v !== "") return v;
        }
        return "";
      }
      /** The helper responsible for `serverAddress` (`credHelpers` first, then `credsStore`), or "" for the file itself. */
      helperFor(serverAddress) {
        return this.credentialHelper(serverAddress) || this.credentialsStore();
      }
      /** Exact `auths` key, else the first key whose hostname equals `serverAddress`. */
      getCredential(serverAddress) {
        const auths = this.auths();
        if (Object.hasOwn(auths, serverAddress)) return credentialFromAuthEntry(auths[serverAddress], serverAddress);
        for (const [key, entry] of Object.entries(auths)) {
          if (toHostname(key) === serverAddress) return credentialFromAuthEntry(entry, key);
        }
        return EMPTY_CREDENTIAL;
      }
      putCredential(serverAddress, cred) {
        const auths = { ...this.auths() };
        auths[serverAddress] = authEntryFromCredential(cred);
        this.content.auths = auths;
      }
      /** Removes the exact key; returns false when there was nothing to remove. */
      deleteCredential(serverAddress) {
        const auths = this.auths();
        if (!Object.hasOwn(auths, serverAddress)) return false;
        const next = { ...auths };
        delete next[serverAddress];
        this.content.auths = next;
        return true;
      }
      /** Writes the file tab-indented via a 0600 temp file + rename in the same directory (created 0700). */
      async save() {
        let target2 = this.path;
        try {
          target2 = await realpath2(this.path);
        } catch {
        }
        await mkdir5(dirname5(target2), { recursive: true, mode: 448 });
        const text = JSON.stringify(this.content, null, "	");
        try {
          await writeFileAtomic(target2, text, { mode: 384 });
          await chmod3(target2, 384);
        } catch (err) {
          throw new OrasError("INVALID_ARGUMENT", `failed to save config file ${target2}: ${err.message}`, { cause: err });
        }
      }
    };
    FileCredentialStore = class {
      path;
      queue = Promise.resolve();
      constructor(path) {
        this.path = path;
      }
      async get(serverAddress) {
        const cfg = await DockerConfig.load(this.path);
        return cfg.getCredential(serverAddressFromRegistry(serverAddress));
      }
      async put(serverAddress, cred) {
        validateCredentialFormat(cred);
        await this.serialize(async () => {
          const cfg = await DockerConfig.load(this.path);
          cfg.putCredential(serverAddressFromRegistry(serverAddress), cred);
          await cfg.save();
        });
      }
      async delete(serverAddress) {
        await this.serialize(async () => {
          const cfg = await DockerConfig.load(this.path);
          if (cfg.deleteCredential(serverAddressFromRegistry(serverAddress))) await cfg.save();
        });
      }
      /** Read-modify-write cycles of this instance run one at a time. */
      serialize(fn) {
        const run2 = this.queue.then(fn, fn);
        this.queue = run2.catch(() => void 0);
        return run2;
      }
    };
  }
});

// src/registry/auth/helper.ts
var CREDENTIALS_NOT_FOUND_MESSAGE, IDENTITY_TOKEN_USERNAME, DEFAULT_HELPER_TIMEOUT_MS, MAX_HELPER_OUTPUT, HELPER_ERROR, HelperCredentialStore;
var init_helper = __esm({
  "src/registry/auth/helper.ts"() {
    "use strict";
    init_errors();
    init_credential();
    init_docker_config();
    init_secret_json();
    CREDENTIALS_NOT_FOUND_MESSAGE = "credentials not found in native keychain";
    IDENTITY_TOKEN_USERNAME = "<token>";
    DEFAULT_HELPER_TIMEOUT_MS = 6e4;
    MAX_HELPER_OUTPUT = 1 << 20;
    HELPER_ERROR = "INVALID_ARGUMENT";
    HelperCredentialStore = class {
      helper;
      program;
      opts;
      constructor(helper, opts = {}) {
        if (helper === "" || /[/\\\0]/.test(helper)) {
          throw new OrasError("INVALID_ARGUMENT", `invalid credential helper name ${JSON.stringify(helper)}`);
        }
        this.helper = helper;
        this.program = `docker-credential-${helper}`;
        this.opts = opts;
      }
      async get(serverAddress) {
        const address = serverAddressFromRegistry(serverAddress);
        const res = await this.execute("get", address);
        if (res.stdout.trim() === CREDENTIALS_NOT_FOUND_MESSAGE) return EMPTY_CREDENTIAL;
        if (!res.ok) throw this.failure("get", res.stdout);
        const parsed = parseSecretJSON(res.stdout, (what) => new OrasError(HELPER_ERROR, `${this.program} get: output is not valid JSON: ${what}`));
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
          throw new OrasError(HELPER_ERROR, `${this.program} get: output is not a JSON object`);
        }
        const o = parsed;
        const username = typeof o.Username === "string" ? o.Username : "";
        const secret = typeof o.Secret === "string" ? o.Secret : "";
        if (username === IDENTITY_TOKEN_USERNAME) return secret === "" ? EMPTY_CREDENTIAL : { refreshToken: secret };
        const out = {};
        if (username !== "") out.username = username;
        if (secret !== "") out.password = secret;
        return out;
      }
      async put(serverAddress, cred) {
        const address = serverAddressFromRegistry(serverAddress);
        const payload = cred.refreshToken ? { ServerURL: address, Username: IDENTITY_TOKEN_USERNAME, Secret: cred.refreshToken } : { ServerURL: address, Username: cred.username ?? "", Secret: cred.password ?? "" };
        const res = await this.execute("store", JSON.stringify(payload));
        if (!res.ok) throw this.failure("store", res.stdout);
      }
      async delete(serverAddress) {
        const res = await this.execute("erase", serverAddressFromRegistry(serverAddress));
        if (!res.ok) throw this.failure("erase", res.stdout);
      }
      failure(action, stdout) {
        const msg = stdout.trim();
        return new OrasError(HELPER_ERROR, msg !== "" ? msg : `${this.program} ${action} failed`);
      }
      /** Runs the helper with `input` on stdin; bounded by the timeout and by 1 MiB of output. */
      execute(action, input2) {
        const timeoutMs = this.opts.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
        return new Promise((resolve5, reject) => {
          let settled = false;
          const finish2 = (fn) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            fn();
          };
          const child = process.getBuiltinModule("node:child_process").spawn(this.program, [action], {
            stdio: ["pipe", "pipe", this.opts.stderr ?? "inherit"],
            ...this.opts.env ? { env: { ...this.opts.env } } : {},
            windowsHide: true
          });
          const timer = setTimeout(() => {
            child.kill("SIGKILL");
            finish2(() => reject(new OrasError(HELPER_ERROR, `${this.program} ${action}: timed out after ${timeoutMs} ms`)));
          }, timeoutMs);
          const chunks = [];
          let size = 0;
          child.stdout?.on("data", (b) => {
            size += b.length;
            if (size > MAX_HELPER_OUTPUT) {
              child.kill("SIGKILL");
              finish2(() => reject(new OrasError(HELPER_ERROR, `${this.program} ${action}: output exceeds ${MAX_HELPER_OUTPUT} bytes`)));
              return;
            }
            chunks.push(b);
          });
          child.on("error", (err) => {
            const msg = err.code === "ENOENT" ? `credential helper ${this.program} not found in PATH` : `${this.program} ${action}: ${err.message}`;
            finish2(() => reject(new OrasError(HELPER_ERROR, msg, { cause: err })));
          });
          child.on("close", (code, signal) => {
            finish2(() => resolve5({ ok: code === 0 && signal === null, stdout: Buffer.concat(chunks).toString("utf8") }));
          });
          child.stdin?.on("error", () => void 0);
          child.stdin?.end(input2);
        });
      }
    };
  }
});

// src/registry/auth/credentials.ts
var credentials_exports = {};
__export(credentials_exports, {
  CREDENTIALS_NOT_FOUND_MESSAGE: () => CREDENTIALS_NOT_FOUND_MESSAGE,
  CredentialStoreWithFallbacks: () => CredentialStoreWithFallbacks,
  DEFAULT_HELPER_TIMEOUT_MS: () => DEFAULT_HELPER_TIMEOUT_MS,
  DOCKER_HUB_SERVER_ADDRESS: () => DOCKER_HUB_SERVER_ADDRESS,
  DockerConfig: () => DockerConfig,
  DockerCredentialStore: () => DockerCredentialStore,
  FileCredentialStore: () => FileCredentialStore,
  HelperCredentialStore: () => HelperCredentialStore,
  IDENTITY_TOKEN_USERNAME: () => IDENTITY_TOKEN_USERNAME,
  createCredentialStore: () => createCredentialStore,
  credentialFuncFromStore: () => credentialFuncFromStore,
  resolveConfigPaths: () => resolveConfigPaths,
  serverAddressFromRegistry: () => serverAddressFromRegistry,
  staticCredential: () => staticCredential,
  toHostname: () => toHostname,
  validateCredentialFormat: () => validateCredentialFormat
});
import { homedir as osHomedir } from "node:os";
import { join as join10 } from "node:path";
function resolveConfigPaths(opts = {}) {
  const given = (opts.configPaths ?? []).filter((p) => p !== "");
  if (given.length > 0) return [...given];
  const dockerConfig = opts.env?.DOCKER_CONFIG;
  if (dockerConfig) return [join10(dockerConfig, "config.json")];
  const home = opts.homedir ?? osHomedir();
  if (!home) throw new OrasError("INVALID_ARGUMENT", "cannot locate the docker config file: no home directory");
  return [join10(home, ".docker", "config.json")];
}
function createCredentialStore(opts = {}) {
  const paths = resolveConfigPaths(opts);
  const helperOptions = {
    ...opts.env ? { env: opts.env } : {},
    ...opts.helperTimeoutMs !== void 0 ? { timeoutMs: opts.helperTimeoutMs } : {},
    ...opts.helperStderr ? { stderr: opts.helperStderr } : {}
  };
  const [first, ...rest] = paths.map((p) => new DockerCredentialStore(p, helperOptions));
  const store = rest.length === 0 ? first : new CredentialStoreWithFallbacks(first, ...rest);
  return {
    paths,
    get: (address) => store.get(address),
    put: (address, cred) => store.put(address, cred),
    delete: (address) => store.delete(address)
  };
}
function credentialFuncFromStore(store) {
  return (hostport) => store.get(serverAddressFromRegistry(hostport));
}
function staticCredential(cred, registry) {
  const frozen = Object.freeze({ ...cred });
  if (registry === void 0) return async () => frozen;
  const host = registry === "docker.io" ? "registry-1.docker.io" : registry;
  return async (hostport) => hostport === host ? frozen : EMPTY_CREDENTIAL;
}
var DockerCredentialStore, CredentialStoreWithFallbacks;
var init_credentials = __esm({
  "src/registry/auth/credentials.ts"() {
    "use strict";
    init_errors();
    init_credential();
    init_docker_config();
    init_helper();
    init_docker_config();
    init_helper();
    DockerCredentialStore = class {
      path;
      file;
      helperOptions;
      constructor(path, helperOptions = {}) {
        this.path = path;
        this.file = new FileCredentialStore(path);
        this.helperOptions = helperOptions;
      }
      /** The store responsible for `serverAddress` (reads the config to find `credHelpers`/`credsStore`). */
      async storeFor(serverAddress) {
        const cfg = await DockerConfig.load(this.path);
        const helper = cfg.helperFor(serverAddressFromRegistry(serverAddress));
        return helper ? new HelperCredentialStore(helper, this.helperOptions) : this.file;
      }
      async get(serverAddress) {
        return (await this.storeFor(serverAddress)).get(serverAddress);
      }
      async put(serverAddress, cred) {
        validateCredentialFormat(cred);
        await (await this.storeFor(serverAddress)).put(serverAddress, cred);
      }
      async delete(serverAddress) {
        await (await this.storeFor(serverAddress)).delete(serverAddress);
      }
    };
    CredentialStoreWithFallbacks = class {
      stores;
      constructor(primary, ...fallbacks) {
        this.stores = [primary, ...fallbacks];
      }
      async get(serverAddress) {
        for (const s2 of this.stores) {
          const cred = await s2.get(serverAddress);
          if (!isEmptyCredential(cred)) return cred;
        }
        return EMPTY_CREDENTIAL;
      }
      put(serverAddress, cred) {
        return this.stores[0].put(serverAddress, cred);
      }
      delete(serverAddress) {
        return this.stores[0].delete(serverAddress);
      }
    };
  }
});

// src/registry/auth/challenge.ts
function readToken(s2, i) {
  let j = i;
  while (j < s2.length && TOKEN_CHAR.test(s2[j])) j++;
  return [s2.slice(i, j), j];
}
function skipSpace(s2, i) {
  let j = i;
  while (j < s2.length && (s2[j] === " " || s2[j] === "	")) j++;
  return j;
}
function parseChallenge(header) {
  if (!header) return { scheme: "unknown", params: {} };
  let i = skipSpace(header, 0);
  const [schemeRaw, afterScheme] = readToken(header, i);
  const lower = schemeRaw.toLowerCase();
  const scheme = lower === "basic" ? "basic" : lower === "bearer" ? "bearer" : "unknown";
  const params = {};
  if (scheme === "unknown") return { scheme, params };
  i = afterScheme;
  for (; ; ) {
    i = skipSpace(header, i);
    const [key, afterKey] = readToken(header, i);
    if (key === "" || header[afterKey] !== "=") break;
    i = afterKey + 1;
    let value;
    if (header[i] === '"') {
      let j = i + 1;
      let v = "";
      let closed = false;
      while (j < header.length) {
        const c = header[j];
        if (c === "\\" && j + 1 < header.length) {
          v += header[j + 1];
          j += 2;
          continue;
        }
        if (c === '"') {
          closed = true;
          j++;
          break;
        }
        v += c;
        j++;
      }
      if (!closed) break;
      value = v;
      i = j;
    } else {
      const [v, afterV] = readToken(header, i);
      if (v === "") break;
      value = v;
      i = afterV;
    }
    params[key.toLowerCase()] = value;
    i = skipSpace(header, i);
    if (header[i] !== ",") break;
    i++;
  }
  return { scheme, params };
}
var TOKEN_CHAR;
var init_challenge = __esm({
  "src/registry/auth/challenge.ts"() {
    "use strict";
    TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
  }
});

// src/registry/transport/headers.ts
function isHttpHeaders(x) {
  return typeof x.forEach === "function" && typeof x.get === "function";
}
function isIterable(x) {
  return typeof x[Symbol.iterator] === "function";
}
function normalize(value) {
  return String(value).trim();
}
var HeaderMap;
var init_headers = __esm({
  "src/registry/transport/headers.ts"() {
    "use strict";
    HeaderMap = class {
      map = /* @__PURE__ */ new Map();
      constructor(init) {
        if (init === void 0) return;
        if (isHttpHeaders(init)) {
          init.forEach((v, k) => this.append(k, v));
        } else if (isIterable(init)) {
          for (const [k, v] of init) this.append(k, v);
        } else {
          for (const [k, v] of Object.entries(init)) this.append(k, v);
        }
      }
      get(name) {
        return this.map.get(name.toLowerCase()) ?? null;
      }
      has(name) {
        return this.map.has(name.toLowerCase());
      }
      set(name, value) {
        this.map.set(name.toLowerCase(), normalize(value));
      }
      append(name, value) {
        const k = name.toLowerCase();
        const v = normalize(value);
        const old = this.map.get(k);
        this.map.set(k, old === void 0 ? v : `${old}, ${v}`);
      }
      delete(name) {
        this.map.delete(name.toLowerCase());
      }
      /** In name order, as `Headers` iterates. */
      forEach(callback) {
        for (const [k, v] of this) callback(v, k);
      }
      *[Symbol.iterator]() {
        yield* [...this.map.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
      }
    };
  }
});

// src/registry/transport/body.ts
function setBodyTimeouts(body, t) {
  bodyTimeouts.set(body, t);
}
function bodyTimeoutsOf(body) {
  return bodyTimeouts.get(body) ?? DEFAULT_BODY_TIMEOUTS;
}
function timeoutError(message, what) {
  const e = new Error(message);
  e.code = "ETIMEDOUT";
  return what === void 0 ? e : new OrasError("NETWORK_ERROR", `${what}: ${message}`, { cause: e });
}
function timedChunks(body, t, error) {
  const it = body[Symbol.asyncIterator]();
  let last = performance.now();
  let idleTimer;
  let totalTimer;
  const stop = () => {
    clearTimeout(idleTimer);
    clearTimeout(totalTimer);
    idleTimer = totalTimer = void 0;
  };
  const expire = (message) => {
    stop();
    body.destroy(error(message));
  };
  if (t.idleMs > 0) {
    const check = () => {
      const quiet = performance.now() - last;
      if (quiet < t.idleMs) idleTimer = setTimeout(check, t.idleMs - quiet);
      else expire(`no data received for ${t.idleMs} ms (metadata idle timeout)`);
    };
    idleTimer = setTimeout(check, t.idleMs);
  }
  if (t.totalMs > 0) totalTimer = setTimeout(() => expire(`not received within ${t.totalMs} ms (metadata timeout)`), t.totalMs);
  const chunks = {
    async next() {
      try {
        const r = await it.next();
        last = performance.now();
        if (r.done === true) stop();
        return r;
      } catch (err) {
        stop();
        throw err;
      }
    },
    async return() {
      stop();
      return await it.return?.() ?? { done: true, value: void 0 };
    },
    stop,
    [Symbol.asyncIterator]() {
      return chunks;
    }
  };
  return chunks;
}
function readSmallBody(body, limit, what) {
  return readAllLimited(
    timedChunks(body, bodyTimeoutsOf(body), (message) => timeoutError(message, what)),
    limit,
    what
  );
}
var DEFAULT_METADATA_IDLE_TIMEOUT_MS, DEFAULT_METADATA_TIMEOUT_MS, DEFAULT_BODY_TIMEOUTS, bodyTimeouts;
var init_body = __esm({
  "src/registry/transport/body.ts"() {
    "use strict";
    init_verify();
    init_errors();
    DEFAULT_METADATA_IDLE_TIMEOUT_MS = 3e4;
    DEFAULT_METADATA_TIMEOUT_MS = 6e4;
    DEFAULT_BODY_TIMEOUTS = Object.freeze({ idleMs: DEFAULT_METADATA_IDLE_TIMEOUT_MS, totalMs: DEFAULT_METADATA_TIMEOUT_MS });
    bodyTimeouts = /* @__PURE__ */ new WeakMap();
  }
});

// src/registry/transport/types.ts
function compose(base2, ...middleware) {
  let t = base2;
  for (let i = middleware.length - 1; i >= 0; i--) {
    const m = middleware[i];
    if (m) t = m(t);
  }
  return t;
}
function withRequest(req, patch) {
  return { ...req, ...patch, headers: new HeaderMap(patch.headers ?? req.headers) };
}
function bytesBody(data) {
  return {
    body: async function* () {
      yield data;
    },
    contentLength: data.byteLength,
    replayable: true
  };
}
function canReplay(req) {
  return req.body === void 0 || req.replayable === true;
}
function discardBody2(res) {
  const body = res.body;
  if (body.destroyed || body.readableEnded) return;
  const complete = body.complete === true;
  const len2 = Number(res.headers.get("content-length") ?? "NaN");
  if (complete || Number.isFinite(len2) && len2 <= 64 * 1024) {
    body.on("error", () => {
    });
    body.resume();
    if (!complete) {
      const t = bodyTimeoutsOf(body).totalMs;
      if (t > 0) {
        const timer = setTimeout(() => body.destroy(), t).unref();
        body.once("close", () => clearTimeout(timer));
        body.once("end", () => clearTimeout(timer));
      }
    }
  } else {
    body.destroy();
  }
}
var SILENT_LOGGER;
var init_types = __esm({
  "src/registry/transport/types.ts"() {
    "use strict";
    init_headers();
    init_body();
    SILENT_LOGGER = Object.freeze({
      debug() {
      },
      warn() {
      }
    });
  }
});

// src/registry/transport/middleware.ts
import { Readable as Readable9 } from "node:stream";
function redirectMiddleware(opts = {}) {
  const max = opts.maxRedirects ?? MAX_REDIRECTS;
  const sensitive = [...CREDENTIAL_HEADERS, ...(opts.extraSensitive ?? []).map((h) => h.toLowerCase())];
  return (next) => async (req) => {
    let cur = req;
    for (let hop = 0; ; hop++) {
      const res = await next(cur);
      if (!isRedirect(res.status) || cur.method !== "GET" && cur.method !== "HEAD") return res;
      const location = res.headers.get("location");
      if (location === null) return res;
      if (hop >= max) {
        discardBody2(res);
        throw new OrasError("REGISTRY_ERROR", `${req.method} "${req.url.href}": stopped after ${max} redirects`);
      }
      let target2;
      try {
        target2 = new URL(location, cur.url);
      } catch (err) {
        discardBody2(res);
        throw new OrasError("REGISTRY_ERROR", `${cur.method} "${cur.url.href}": invalid redirect location`, { cause: err });
      }
      if (target2.protocol !== "http:" && target2.protocol !== "https:") {
        discardBody2(res);
        throw new OrasError("REGISTRY_ERROR", `${cur.method} "${cur.url.href}": redirect to unsupported scheme ${JSON.stringify(target2.protocol)}`);
      }
      discardBody2(res);
      const headers = new HeaderMap(cur.headers);
      if (target2.origin !== cur.url.origin) for (const h of sensitive) headers.delete(h);
      cur = withRequest(cur, { url: target2, headers });
    }
  };
}
function isRedirect(status) {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
function defaultHeadersMiddleware(headers) {
  return (next) => (req) => {
    if (headers.every(([k]) => req.headers.has(k))) return next(req);
    const h = new HeaderMap(req.headers);
    for (const [k, v] of headers) if (!h.has(k)) h.set(k, v);
    return next(withRequest(req, { headers: h }));
  };
}
function customHeadersMiddleware(headers, isTarget) {
  return (next) => (req) => {
    if (headers.length === 0 || !isTarget(req.url)) return next(req);
    const h = new HeaderMap(req.headers);
    for (const [k, v] of headers) h.set(k, v);
    return next(withRequest(req, { headers: h }));
  };
}
function redactURL(url) {
  if (url.search === "" && url.username === "" && url.password === "") return url.href;
  const u = new URL(url.href);
  u.username = "";
  u.password = "";
  for (const k of [...u.searchParams.keys()]) if (SECRET_QUERY.test(k)) u.searchParams.set(k, REDACTED);
  return u.href;
}
function redactURLHeader(value) {
  let u;
  try {
    u = new URL(value, RELATIVE_BASE);
  } catch {
    return REDACTED;
  }
  const out = redactURL(u);
  return u.origin === RELATIVE_BASE && !/^[a-z][a-z0-9+.-]*:/i.test(value) ? out.slice(RELATIVE_BASE.length) : out;
}
async function peekBody(body, limit, timeouts) {
  const it = timedChunks(body, timeouts, (message) => timeoutError(`response body ${message}`));
  const chunks = [];
  let total = 0;
  let done = false;
  let error;
  try {
    while (total < limit) {
      const r = await it.next();
      if (r.done === true) {
        done = true;
        break;
      }
      const b = Buffer.from(r.value);
      chunks.push(b);
      total += b.length;
    }
  } catch (err) {
    error = err;
    done = true;
    body.destroy();
  }
  it.stop();
  const head = Buffer.concat(chunks);
  async function* replay() {
    let finished3 = done;
    try {
      if (head.length > 0) yield head;
      if (error !== void 0) throw error;
      while (!finished3) {
        const r = await it.next();
        if (r.done === true) finished3 = true;
        else yield Buffer.from(r.value);
      }
    } finally {
      if (!finished3) await it.return();
    }
  }
  return { head, ...error !== void 0 ? { error } : {}, body: Readable9.from(replay(), { objectMode: false }) };
}
function loggingMiddleware(logger, opts = {}) {
  return (next) => async (req) => {
    const id = traceSeq++;
    logger.debug(formatRequestTrace(id, req.method, redactURL(req.url), formatTraceHeaders(req.headers, TRACE_REDACTION)));
    let res;
    try {
      res = await next(req);
    } catch (err) {
      logger.debug(formatErrorTrace(id, err?.message ?? String(err)));
      throw err;
    }
    const headers = formatTraceHeaders(res.headers, TRACE_REDACTION);
    const skipped = req.secretReply ? REDACTED_BODY_TRACE : skipTraceBody(req.method, res.status, res.headers);
    if (skipped !== void 0) {
      logger.debug(formatResponseTrace(id, res.status, headers, skipped));
      return res;
    }
    const timeouts = bodyTimeoutsOf(res.body);
    const peeked = await peekBody(res.body, TRACE_BODY_LIMIT + 1, opts.peekTimeouts ?? timeouts);
    setBodyTimeouts(peeked.body, timeouts);
    logger.debug(formatResponseTrace(id, res.status, headers, describeTraceBody(peeked.head, peeked.error)));
    return { ...res, body: peeked.body };
  };
}
function warningMiddleware(logger) {
  const seen = /* @__PURE__ */ new Set();
  let silenced = false;
  return (next) => async (req) => {
    const res = await next(req);
    const raw = res.headers.get("warning");
    if (raw === null || silenced) return res;
    let printed = 0;
    for (const m of raw.matchAll(/299\s+\S+\s+"((?:[^"\\]|\\.)*)"/g)) {
      if (printed >= MAX_WARNINGS_PER_RESPONSE) break;
      let text = (m[1] ?? "").replace(/\\(.)/g, "$1");
      if (text.length > MAX_WARNING_CHARS) text = `${text.slice(0, MAX_WARNING_CHARS)}…`;
      const key = `${req.url.origin} ${text}`;
      if (text === "" || seen.has(key)) continue;
      if (seen.size >= MAX_DISTINCT_WARNINGS) {
        silenced = true;
        logger.warn(`${req.url.host}: more than ${MAX_DISTINCT_WARNINGS} distinct warnings; further warnings are not shown`);
        break;
      }
      seen.add(key);
      printed++;
      logger.warn(`${req.url.host}: ${text}`);
    }
    return res;
  };
}
var MAX_REDIRECTS, CREDENTIAL_HEADERS, REDACTED, SECRET_HEADERS, SECRET_QUERY, RELATIVE_BASE, traceSeq, TRACE_REDACTION, MAX_DISTINCT_WARNINGS, MAX_WARNINGS_PER_RESPONSE, MAX_WARNING_CHARS;
var init_middleware = __esm({
  "src/registry/transport/middleware.ts"() {
    "use strict";
    init_errors();
    init_types();
    init_headers();
    init_body();
    init_trace();
    MAX_REDIRECTS = 10;
    CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];
    REDACTED = TRACE_REDACTED;
    SECRET_HEADERS = /* @__PURE__ */ new Set(["authorization", "proxy-authorization", "set-cookie", "cookie", "x-registry-auth"]);
    SECRET_QUERY = /token|signature|sig$|credential|secret|password|key$/i;
    RELATIVE_BASE = "http://relative.invalid";
    traceSeq = 0;
    TRACE_REDACTION = {
      isSecretHeader: (name) => SECRET_HEADERS.has(name),
      redactURL: redactURLHeader
    };
    MAX_DISTINCT_WARNINGS = 100;
    MAX_WARNINGS_PER_RESPONSE = 5;
    MAX_WARNING_CHARS = 1024;
  }
});

// src/registry/errors.ts
import { STATUS_CODES as STATUS_CODES2 } from "node:http";
function renderRegistryError(e) {
  const code = e.code.replace(/_/g, " ").toLowerCase();
  return e.message === "" ? code : `${code}: ${e.message}`;
}
function renderRegistryErrors(errors) {
  return errors.map(renderRegistryError).join("; ");
}
function parseErrorBody(body) {
  let v;
  try {
    v = parseJSON(body, "error body");
  } catch {
    return [];
  }
  const list3 = v?.errors;
  if (!Array.isArray(list3)) return [];
  const out = [];
  for (const item of list3) {
    if (typeof item !== "object" || item === null) continue;
    const { code, message, detail } = item;
    if (typeof code !== "string" && typeof message !== "string") continue;
    const entry = {
      code: typeof code === "string" ? code : "",
      message: typeof message === "string" ? message : ""
    };
    if (detail !== void 0) entry.detail = detail;
    out.push(entry);
  }
  return out;
}
function codeForStatus(status) {
  if (status === 401) return "UNAUTHORIZED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  return "REGISTRY_ERROR";
}
async function responseError(req, res, options) {
  let errors = [];
  if (req.method !== "HEAD") {
    try {
      errors = parseErrorBody(await readSmallBody(res.body, MAX_ERROR_BODY_BYTES, "error body"));
    } catch {
    }
  }
  if (!res.body.destroyed) res.body.destroy();
  const detail = res.status === 401 ? challengeErrorDetail(res.headers.get("www-authenticate")) : void 0;
  return new RegistryResponseError(req.method, redactURL(res.url ?? req.url), res.status, errors, { ...options, ...detail ? { detail } : {} });
}
function challengeErrorDetail(header) {
  const code = header ? /\berror="?([A-Za-z_]+)"?/.exec(header)?.[1] : void 0;
  switch (code) {
    case "invalid_token":
      return "the token is invalid or has expired";
    case "insufficient_scope":
      return "insufficient scope: the credentials do not grant this access";
    default:
      return void 0;
  }
}
var MAX_ERROR_BODY_BYTES, RegistryResponseError;
var init_errors2 = __esm({
  "src/registry/errors.ts"() {
    "use strict";
    init_errors();
    init_json();
    init_middleware();
    init_body();
    MAX_ERROR_BODY_BYTES = 8 * 1024;
    RegistryResponseError = class extends OrasError {
      method;
      url;
      status;
      errors;
      constructor(method, url, status, errors, options) {
        let text = errors.length > 0 ? renderRegistryErrors(errors) : `response status code ${status}: ${(STATUS_CODES2[status] ?? "unknown").toLowerCase()}`;
        if (options?.detail) text += ` (${options.detail})`;
        super(options?.code ?? codeForStatus(status), text, options);
        this.method = method;
        this.url = url;
        this.status = status;
        this.errors = errors;
      }
      /** `<METHOD> "<url>": response status code <n>: <text>` as oras-go prints it. */
      get fullMessage() {
        const text = this.errors.length > 0 ? renderRegistryErrors(this.errors) : STATUS_CODES2[this.status] ?? "unknown";
        return `${this.method} "${this.url}": response status code ${this.status}: ${text}`;
      }
    };
  }
});

// src/registry/auth/scope.ts
function repositoryScope(repository, ...actions) {
  return `repository:${repository}:${actions.join(",")}`;
}
function cleanScopes(scopes) {
  const byResource = /* @__PURE__ */ new Map();
  const verbatim = /* @__PURE__ */ new Set();
  for (const raw of scopes) {
    const scope = raw.trim();
    if (scope === "") continue;
    const firstColon = scope.indexOf(":");
    const secondColon = firstColon < 0 ? -1 : scope.indexOf(":", firstColon + 1);
    if (secondColon < 0) {
      verbatim.add(scope);
      continue;
    }
    const resource = scope.slice(0, secondColon);
    const actions = scope.slice(secondColon + 1).split(",").map((a) => a.trim()).filter((a) => a !== "");
    let set = byResource.get(resource);
    if (set === "*") continue;
    if (actions.includes("*")) {
      byResource.set(resource, "*");
      continue;
    }
    if (actions.length === 0) {
      if (set === void 0) byResource.set(resource, /* @__PURE__ */ new Set());
      continue;
    }
    if (set === void 0) {
      set = /* @__PURE__ */ new Set();
      byResource.set(resource, set);
    }
    for (const a of actions) set.add(a);
  }
  const out = [...verbatim];
  for (const [resource, actions] of byResource) {
    if (actions === "*") out.push(`${resource}:*`);
    else if (actions.size > 0) out.push(`${resource}:${[...actions].sort().join(",")}`);
  }
  return out.sort();
}
var ACTION_PULL, ACTION_PUSH, ACTION_DELETE, CATALOG_SCOPE;
var init_scope = __esm({
  "src/registry/auth/scope.ts"() {
    "use strict";
    ACTION_PULL = "pull";
    ACTION_PUSH = "push";
    ACTION_DELETE = "delete";
    CATALOG_SCOPE = "registry:catalog:*";
  }
});

// src/registry/auth/client.ts
import { isIP } from "node:net";
function liveToken(state, key) {
  const until = state.expires.get(key);
  if (until !== void 0 && Date.now() >= until) {
    state.tokens.delete(key);
    state.expires.delete(key);
    return void 0;
  }
  return state.tokens.get(key);
}
function goQueryEscape(s2) {
  return encodeURIComponent(s2).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, "+");
}
function encodeForm(values) {
  return Object.keys(values).sort().flatMap((k) => (values[k] ?? []).map((v) => `${goQueryEscape(k)}=${goQueryEscape(v)}`)).join("&");
}
function tokenURL(realm, service, scopes) {
  const url = new URL(realm);
  const values = {};
  for (const [k, v] of url.searchParams) (values[k] ??= []).push(v);
  if (scopes.length > 0) values.scope = [...values.scope ?? [], ...scopes];
  if (service !== void 0 && service !== "") values.service = [service];
  url.search = encodeForm(values);
  return url;
}
function basicAuthorization(username, password) {
  return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
}
function isRestrictedIP(host) {
  const kind = isIP(host);
  if (kind === 4) {
    const p = host.split(".").map(Number);
    const [a = 0, b = 0] = p;
    return a === 127 || a === 10 || a === 0 || a === 172 && b >= 16 && b <= 31 || a === 192 && b === 168 || a === 169 && b === 254;
  }
  if (kind === 6) {
    const h = host.toLowerCase();
    if (h === "::1" || h === "::") return true;
    if (/^fe[89ab]/.test(h) || /^f[cd]/.test(h)) return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    if (mapped) return isRestrictedIP(mapped[1]);
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
    if (hex) {
      const hi = parseInt(hex[1], 16);
      const lo = parseInt(hex[2], 16);
      return isRestrictedIP(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return false;
  }
  return false;
}
function isLoopback(host) {
  return isLocalhostName(host) || host === "::1" || isIP(host) === 4 && host.startsWith("127.");
}
function isLocalhostName(host) {
  const h = host.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost");
}
function bareHost(h) {
  return h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
}
function validateRealm(realm, registry) {
  let url;
  try {
    url = new URL(realm);
  } catch (err) {
    throw new OrasError("UNAUTHORIZED", `invalid token realm ${JSON.stringify(realm)} from ${registry.host}`, { cause: err });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OrasError("UNAUTHORIZED", `token realm ${JSON.stringify(realm)} from ${registry.host} is not http(s)`);
  }
  if (registry.protocol === "https:" && url.protocol === "http:") {
    throw new OrasError("UNAUTHORIZED", `refusing plain-http token realm ${JSON.stringify(realm)} for https registry ${registry.host}`);
  }
  const host = bareHost(url.hostname);
  const own = bareHost(registry.hostname);
  const local = isLoopback(own) && isLoopback(host);
  if ((isRestrictedIP(host) || isLocalhostName(host)) && host !== own && !local) {
    throw new OrasError("UNAUTHORIZED", `refusing token realm ${JSON.stringify(realm)}: a local or private address other than the registry ${registry.host}`);
  }
  return url;
}
function toFunc(c) {
  if (c === void 0) return async () => EMPTY_CREDENTIAL;
  if (typeof c === "function") return c;
  return async () => c;
}
function signalOf(req) {
  return req.signal ? { signal: req.signal } : {};
}
function withAuth(req, value) {
  const headers = new HeaderMap(req.headers);
  headers.set("authorization", value);
  return withRequest(req, { headers });
}
var DEFAULT_CLIENT_ID, MAX_TOKEN_REPLY_BYTES, EXPIRY_MARGIN_MS, AuthClient;
var init_client = __esm({
  "src/registry/auth/client.ts"() {
    "use strict";
    init_errors();
    init_errors2();
    init_types();
    init_credential();
    init_challenge();
    init_scope();
    init_secret_json();
    init_headers();
    init_body();
    DEFAULT_CLIENT_ID = "oras-ts";
    MAX_TOKEN_REPLY_BYTES = 128 * 1024;
    EXPIRY_MARGIN_MS = 1e4;
    AuthClient = class {
      credential;
      clientId;
      hosts = /* @__PURE__ */ new Map();
      constructor(opts = {}) {
        this.credential = toFunc(opts.credential);
        this.clientId = opts.clientId ?? DEFAULT_CLIENT_ID;
      }
      /** Forgets every cached header and token. */
      clear() {
        this.hosts.clear();
      }
      state(origin) {
        let s2 = this.hosts.get(origin);
        if (!s2) {
          s2 = { scheme: void 0, basic: void 0, tokens: /* @__PURE__ */ new Map(), expires: /* @__PURE__ */ new Map() };
          this.hosts.set(origin, s2);
        }
        return s2;
      }
      /** The middleware; token requests go to `next` (below auth: redirects, retry, logging). */
      middleware = (next) => (req) => this.send(next, req);
      async send(next, req) {
        if (req.headers.has("authorization")) return next(req);
        const origin = req.url.origin;
        const state = this.state(origin);
        const hinted = cleanScopes(req.scopes ?? []);
        const hintedKey = hinted.join(" ");
        let tried;
        let triedKey;
        let first = req;
        if (state.scheme === "basic" && state.basic !== void 0) {
          first = withAuth(req, state.basic);
        } else if (state.scheme === "bearer") {
          const cached = liveToken(state, hintedKey);
          if (cached !== void 0) {
            try {
              const token2 = await cached;
              tried = cached;
              triedKey = hintedKey;
              first = withAuth(req, `Bearer ${token2}`);
            } catch {
            }
          }
        }
        const res = await next(first);
        if (res.status !== 401 || res.url.origin !== origin || !canReplay(req)) return res;
        const challenge = parseChallenge(res.headers.get("www-authenticate"));
        if (challenge.scheme === "basic") {
          const cred = await this.credential(req.url.host);
          if (!cred.username || !cred.password) {
            discardBody2(res);
            throw new OrasError("UNAUTHORIZED", `${req.method} "${req.url.href}": basic credential not found`, {
              hint: `provide credentials with --username/--password or log in to ${req.url.host}`
            });
          }
          discardBody2(res);
          state.scheme = "basic";
          state.basic = basicAuthorization(cred.username, cred.password);
          return next(withAuth(req, state.basic));
        }
        if (challenge.scheme !== "bearer") return res;
        const scopes = cleanScopes([...hinted, ...(challenge.params.scope ?? "").split(" ")]);
        const key = scopes.join(" ");
        if (key !== triedKey) {
          const cached = liveToken(state, key);
          if (cached !== void 0) {
            let token2;
            try {
              token2 = await cached;
            } catch {
            }
            if (token2 !== void 0) {
              discardBody2(res);
              const again = await next(withAuth(req, `Bearer ${token2}`));
              if (again.status !== 401) {
                state.scheme = "bearer";
                return again;
              }
              discardBody2(again);
              tried = cached;
            }
          }
        }
        discardBody2(res);
        const realm = challenge.params.realm;
        if (realm === void 0 || realm === "") {
          throw new OrasError("UNAUTHORIZED", `${req.method} "${req.url.href}": bearer challenge without a realm`);
        }
        const token = await this.refresh(
          state,
          key,
          tried,
          () => this.fetchToken(next, req, realm, challenge.params.service, scopes, (ms) => state.expires.set(key, Date.now() + Math.max(ms - EXPIRY_MARGIN_MS, ms / 2)))
        );
        state.scheme = "bearer";
        return next(withAuth(req, `Bearer ${token}`));
      }
      /** Single flight: if the entry is still the one that failed us (or absent), start a fetch; else share the newer one. */
      refresh(state, key, failed, fetch) {
        const current = state.tokens.get(key);
        if (current !== void 0 && current !== failed) return current;
        state.expires.delete(key);
        const p = fetch();
        state.tokens.set(key, p);
        p.catch(() => {
          if (state.tokens.get(key) === p) state.tokens.delete(key);
        });
        return p;
      }
      async fetchToken(next, req, realm, service, scopes, onLifetime = () => {
      }) {
        const realmURL = validateRealm(realm, req.url);
        const cred = await this.credential(req.url.host);
        if (cred.accessToken) return cred.accessToken;
        const headers = new HeaderMap({ accept: "application/json" });
        let tokenReq;
        if (!cred.refreshToken) {
          if (cred.username || cred.password) headers.set("authorization", basicAuthorization(cred.username ?? "", cred.password ?? ""));
          tokenReq = { method: "GET", url: tokenURL(realmURL.href, service, scopes), headers, secretReply: true, ...signalOf(req) };
        } else {
          const form = {
            grant_type: ["refresh_token"],
            refresh_token: [cred.refreshToken],
            client_id: [this.clientId]
          };
          if (service !== void 0 && service !== "") form.service = [service];
          if (scopes.length > 0) form.scope = [scopes.join(" ")];
          headers.set("content-type", "application/x-www-form-urlencoded");
          tokenReq = { method: "POST", url: realmURL, headers, secretReply: true, ...bytesBody(Buffer.from(encodeForm(form))), ...signalOf(req) };
        }
        const res = await next(tokenReq);
        if (res.status !== 200) {
          throw await responseError(tokenReq, res, {
            hint: `failed to get a token from ${realmURL.host}; check the credentials for ${req.url.host}`
          });
        }
        const body = await readSmallBody(res.body, MAX_TOKEN_REPLY_BYTES, "token reply");
        const parsed = parseSecretJSON(
          body.toString("utf8"),
          (what) => new OrasError("UNAUTHORIZED", `${tokenReq.method} "${realmURL.origin}${realmURL.pathname}": invalid token reply: ${what}`)
        );
        const reply = typeof parsed === "object" && parsed !== null ? parsed : {};
        const token = typeof reply.access_token === "string" && reply.access_token !== "" ? reply.access_token : cred.refreshToken ? void 0 : reply.token;
        if (typeof token !== "string" || token === "") {
          throw new OrasError("UNAUTHORIZED", `${tokenReq.method} "${realmURL.origin}${realmURL.pathname}": empty token in reply`);
        }
        if (typeof reply.expires_in === "number" && Number.isFinite(reply.expires_in) && reply.expires_in > 0) onLifetime(reply.expires_in * 1e3);
        return token;
      }
    };
  }
});

// src/registry/transport/options.ts
import { readFileSync as readFileSync2 } from "node:fs";
function schemeFor(registry, plainHttp) {
  if (plainHttp !== void 0) return plainHttp ? "http" : "https";
  return hostnameOf(registry) === "localhost" ? "http" : "https";
}
function hostnameOf(hostport) {
  if (hostport.startsWith("[")) {
    const end = hostport.indexOf("]");
    return end < 0 ? hostport : hostport.slice(1, end);
  }
  const colon = hostport.lastIndexOf(":");
  return colon < 0 ? hostport : hostport.slice(0, colon);
}
function splitHostPort(s2, what) {
  if (s2.startsWith("[")) {
    const end = s2.indexOf("]");
    if (end < 0 || s2[end + 1] !== ":") throw new OrasError("INVALID_ARGUMENT", `invalid --resolve ${what}`);
    return [s2.slice(1, end), s2.slice(end + 2)];
  }
  const colon = s2.indexOf(":");
  if (colon < 0) throw new OrasError("INVALID_ARGUMENT", `invalid --resolve ${what}`);
  return [s2.slice(0, colon), s2.slice(colon + 1)];
}
function parsePort(p, raw) {
  const n2 = /^[0-9]{1,5}$/.test(p) ? Number(p) : Number.NaN;
  if (!(n2 > 0 && n2 < 65536)) throw new OrasError("INVALID_ARGUMENT", `invalid --resolve port ${JSON.stringify(p)} in ${JSON.stringify(raw)}`);
  return n2;
}
function parseResolveRule(raw) {
  const [host, rest] = splitHostPort(raw, JSON.stringify(raw));
  const [portStr, addrPart] = splitHostPort(rest, JSON.stringify(raw));
  const port = parsePort(portStr, raw);
  let address = addrPart;
  let addressPort = port;
  if (addrPart.startsWith("[")) {
    const end = addrPart.indexOf("]");
    if (end < 0) throw new OrasError("INVALID_ARGUMENT", `invalid --resolve address in ${JSON.stringify(raw)}`);
    address = addrPart.slice(1, end);
    const tail = addrPart.slice(end + 1);
    if (tail !== "") {
      if (!tail.startsWith(":")) throw new OrasError("INVALID_ARGUMENT", `invalid --resolve address in ${JSON.stringify(raw)}`);
      addressPort = parsePort(tail.slice(1), raw);
    }
  } else {
    const colons = addrPart.split(":").length - 1;
    if (colons === 1) {
      const c = addrPart.indexOf(":");
      address = addrPart.slice(0, c);
      addressPort = parsePort(addrPart.slice(c + 1), raw);
    }
  }
  if (host === "" || address === "") throw new OrasError("INVALID_ARGUMENT", `invalid --resolve rule ${JSON.stringify(raw)}`);
  return { host: host.toLowerCase(), port, address, addressPort };
}
function headerEntries(h) {
  if (h === void 0) return [];
  if (Array.isArray(h)) return h.map(([k, v]) => [k, v]);
  return Object.entries(h);
}
function packageVersion() {
  if (cachedVersion !== void 0) return cachedVersion;
  cachedVersion = "0.0.0";
  let dir = new URL(".", import.meta.url);
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync2(new URL("package.json", dir), "utf8"));
      if (pkg.name === "oras-ts" && typeof pkg.version === "string") {
        cachedVersion = pkg.version;
        break;
      }
    } catch {
    }
    dir = new URL("..", dir);
  }
  return cachedVersion;
}
function defaultUserAgent() {
  return `oras-ts/${packageVersion()}`;
}
var cachedVersion;
var init_options = __esm({
  "src/registry/transport/options.ts"() {
    "use strict";
    init_errors();
  }
});

// src/registry/transport/proxy.ts
import * as http from "node:http";
import { BlockList, isIP as isIP2 } from "node:net";
import { domainToASCII } from "node:url";
function firstNonEmpty(env, ...names) {
  for (const n2 of names) {
    const v = env[n2];
    if (v !== void 0 && v !== "") return v;
  }
  return void 0;
}
function proxyConfigFromEnv(env) {
  const httpProxy = firstNonEmpty(env, "HTTP_PROXY", "http_proxy");
  const httpsProxy = firstNonEmpty(env, "HTTPS_PROXY", "https_proxy");
  const noProxy = firstNonEmpty(env, "NO_PROXY", "no_proxy");
  return {
    ...httpProxy !== void 0 ? { httpProxy } : {},
    ...httpsProxy !== void 0 ? { httpsProxy } : {},
    ...noProxy !== void 0 ? { noProxy } : {}
  };
}
function hasProxy(cfg) {
  return Boolean(cfg.httpProxy || cfg.httpsProxy);
}
function parseProxyURL(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    url = void 0;
  }
  if (url === void 0 || url.host === "" || !/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    try {
      url = new URL(`http://${raw}`);
    } catch {
    }
  }
  if (url === void 0 || url.host === "") throw new OrasError("INVALID_ARGUMENT", `invalid proxy address ${JSON.stringify(redactProxyText(raw))}`);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OrasError("UNSUPPORTED", `unsupported proxy scheme ${JSON.stringify(url.protocol.slice(0, -1))} in ${JSON.stringify(proxyDisplay(url))} (http and https proxies are supported)`);
  }
  return url;
}
function proxyDisplay(proxy) {
  return `${proxy.protocol}//${proxy.host}`;
}
function redactProxyText(raw) {
  return raw.replace(/\/\/[^/@]*@/, "//*****@").replace(/^[^/:@]*:[^/@]*@/, "*****@");
}
function bare(host) {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}
function splitHostPort2(s2) {
  if (s2.startsWith("[")) {
    const end = s2.indexOf("]");
    if (end < 0 || s2[end + 1] !== ":") return void 0;
    return [s2.slice(1, end), s2.slice(end + 2)];
  }
  const first = s2.indexOf(":");
  if (first < 0 || first !== s2.lastIndexOf(":")) return void 0;
  return [s2.slice(0, first), s2.slice(first + 1)];
}
function ipFamily(ip) {
  const k = isIP2(ip);
  return k === 4 ? "ipv4" : k === 6 ? "ipv6" : void 0;
}
function normalizeIP(ip) {
  const fam = ipFamily(ip);
  if (fam === void 0) return void 0;
  if (fam === "ipv6") {
    const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (m) return { ip: m[1], family: "ipv4" };
  }
  return { ip, family: fam };
}
function isLoopback2(ip) {
  if (ip.family === "ipv4") return ip.ip.startsWith("127.");
  const b = new BlockList();
  b.addAddress("::1", "ipv6");
  return b.check(ip.ip, "ipv6");
}
function compileNoProxy(noProxy) {
  const ip = [];
  const domain = [];
  for (const raw of (noProxy ?? "").split(",")) {
    const p = raw.trim().toLowerCase();
    if (p === "") continue;
    if (p === "*") return { ip: [ALL], domain: [ALL] };
    const slash = p.indexOf("/");
    if (slash > 0) {
      const net = normalizeIP(p.slice(0, slash));
      const bits = p.slice(slash + 1);
      const max = net?.family === "ipv4" ? 32 : 128;
      if (net && /^\d{1,3}$/.test(bits) && Number(bits) <= max) {
        const list3 = new BlockList();
        list3.addSubnet(net.ip, Number(bits), net.family);
        ip.push({ match: (_h, _p, addr) => addr !== void 0 && addr.family === net.family && list3.check(addr.ip, addr.family) });
      }
      continue;
    }
    let phost = p;
    let pport = "";
    const hp = splitHostPort2(p);
    if (hp) {
      if (hp[0] === "") continue;
      [phost, pport] = hp;
      phost = bare(phost);
    }
    const pip = normalizeIP(phost);
    if (pip) {
      ip.push({
        match: (_h, port, addr) => addr !== void 0 && addr.family === pip.family && addr.ip === pip.ip && (pport === "" || pport === port)
      });
      continue;
    }
    if (phost === "") continue;
    if (phost.startsWith("*.")) phost = phost.slice(1);
    let matchHost = false;
    if (!phost.startsWith(".")) {
      matchHost = true;
      phost = `.${phost}`;
    }
    const ascii = domainToASCII(phost.slice(1));
    if (ascii !== "") phost = `.${ascii}`;
    const suffix = phost;
    domain.push({
      match: (host, port) => (host.endsWith(suffix) || matchHost && host === suffix.slice(1)) && (pport === "" || pport === port)
    });
  }
  return { ip, domain };
}
function proxyFunc(cfg) {
  const httpProxy = cfg.httpProxy ? parseProxyURL(cfg.httpProxy) : void 0;
  const httpsProxy = cfg.httpsProxy ? parseProxyURL(cfg.httpsProxy) : void 0;
  const { ip: ipMatchers, domain: domainMatchers } = compileNoProxy(cfg.noProxy);
  return (url) => {
    const proxy = url.protocol === "https:" ? httpsProxy : url.protocol === "http:" ? httpProxy : void 0;
    if (proxy === void 0) return void 0;
    const host = bare(url.hostname).toLowerCase();
    const port = url.port !== "" ? url.port : DEFAULT_PORTS[url.protocol] ?? "";
    if (host === "localhost") return void 0;
    const addr = normalizeIP(host);
    if (addr && isLoopback2(addr)) return void 0;
    if (addr && ipMatchers.some((m) => m.match(host, port, addr))) return void 0;
    if (domainMatchers.some((m) => m.match(host, port, addr))) return void 0;
    return proxy;
  };
}
function proxyAuthorization(proxy) {
  if (proxy.username === "" && proxy.password === "") return void 0;
  const user = decodeURIComponent(proxy.username);
  const pass = decodeURIComponent(proxy.password);
  return `Basic ${Buffer.from(`${user}:${pass}`, "utf8").toString("base64")}`;
}
function proxyError(proxy, message, code, cause) {
  const e = new Error(`proxyconnect ${proxyDisplay(proxy)}: ${message}`, cause === void 0 ? void 0 : { cause });
  if (code !== void 0) e.code = code;
  return e;
}
function openTunnel(o) {
  const target2 = `${isIP2(o.targetHost) === 6 ? `[${o.targetHost}]` : o.targetHost}:${o.targetPort}`;
  const headers = { host: target2 };
  const auth = proxyAuthorization(o.proxy);
  if (auth !== void 0) headers["proxy-authorization"] = auth;
  if (o.userAgent !== void 0) headers["user-agent"] = o.userAgent;
  return new Promise((resolve5, reject) => {
    let settled = false;
    const options = {
      method: "CONNECT",
      host: o.proxyAddress,
      port: o.proxyPort,
      path: target2,
      headers,
      agent: false
    };
    const proxyHost = bare(o.proxy.hostname);
    if (o.proxy.protocol === "https:") {
      delete options.agent;
      options.createConnection = () => tlsModule().connect({ ...o.tls, host: o.proxyAddress, port: o.proxyPort, ...isIP2(proxyHost) === 0 ? { servername: proxyHost } : {} });
    }
    const req = http.request(options);
    const timer = setTimeout(() => {
      req.destroy(proxyError(o.proxy, `timed out after ${o.timeoutMs} ms`, "ETIMEDOUT"));
    }, o.timeoutMs);
    const finish2 = (err, sock) => {
      clearTimeout(timer);
      if (settled) {
        sock?.destroy();
        return;
      }
      settled = true;
      if (err) reject(err);
      else resolve5(sock);
    };
    req.once("connect", (res, socket, head) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        finish2(proxyError(o.proxy, `CONNECT ${target2}: ${res.statusCode} ${res.statusMessage ?? ""}`.trim(), "EPROXYREFUSED"));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      finish2(void 0, socket);
    });
    req.once("response", (res) => {
      res.resume();
      finish2(proxyError(o.proxy, `CONNECT ${target2}: ${res.statusCode} ${res.statusMessage ?? ""}`.trim(), "EPROXYREFUSED"));
    });
    req.once("error", (err) => {
      const e = err.message.startsWith("proxyconnect ") ? err : proxyError(o.proxy, err.message, err.code, err);
      finish2(e);
    });
    req.end();
  });
}
function tlsModule() {
  return process.getBuiltinModule("node:tls");
}
function createTunnelAgent(opts) {
  tunnelAgentClass ??= defineTunnelAgent(process.getBuiltinModule("node:https"));
  return new tunnelAgentClass(opts);
}
function defineTunnelAgent(h) {
  return class TunnelAgent extends h.Agent {
    tunnel;
    constructor(opts) {
      const { proxy, proxyAddress, proxyPort, connectTimeoutMs, proxyTls, ...agentOpts } = opts;
      super(agentOpts);
      this.tunnel = { proxy, proxyAddress, proxyPort, timeoutMs: connectTimeoutMs, ...proxyTls ? { tls: proxyTls } : {} };
    }
    createConnection(options, callback) {
      const cb = callback ?? (() => {
      });
      const host = String(options.host ?? "");
      const port = Number(options.port ?? 443);
      openTunnel({ ...this.tunnel, targetHost: host, targetPort: port }).then(
        (raw) => {
          const { port: _p, path: _path, ...rest } = options;
          cb(null, tlsModule().connect({ ...rest, socket: raw }));
        },
        (err) => cb(err instanceof Error ? err : new Error(String(err)), void 0)
      );
      return void 0;
    }
  };
}
var DEFAULT_PORTS, ALL, tunnelAgentClass;
var init_proxy = __esm({
  "src/registry/transport/proxy.ts"() {
    "use strict";
    init_errors();
    DEFAULT_PORTS = { "http:": "80", "https:": "443" };
    ALL = { match: () => true };
  }
});

// src/registry/transport/node.ts
import { readFileSync as readFileSync3 } from "node:fs";
import * as http2 from "node:http";
import { isIP as isIP3 } from "node:net";
function httpsModule() {
  return process.getBuiltinModule("node:https");
}
function readPem(file, inline, what) {
  if (inline !== void 0) return inline;
  if (file === void 0) return void 0;
  try {
    return readFileSync3(file);
  } catch (err) {
    throw new OrasError("INVALID_ARGUMENT", `failed to read ${what} ${JSON.stringify(file)}: ${err.message}`, { cause: err });
  }
}
function headersFromRaw(raw) {
  const h = new HeaderMap();
  for (let i = 0; i + 1 < raw.length; i += 2) h.append(raw[i], raw[i + 1]);
  return h;
}
function stripBrackets(host) {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}
function networkError(err, req) {
  if (OrasError.is(err)) return err;
  if (err instanceof Error && err.name === "AbortError") return new OrasError("ABORTED", "operation aborted", { cause: err });
  const e = err;
  const code = typeof e?.code === "string" ? e.code : "";
  let msg = e instanceof Error ? e.message : String(err);
  const ssl = /SSL routines:[^:]*:([^:]+):/.exec(msg);
  if (ssl) msg = `tls: ${ssl[1]}`;
  const where = `${req.method} "${req.url.href}"`;
  if (TLS_CODES.test(code) || /wrong version number|certificate|handshake/i.test(msg)) {
    const hint = /wrong version number|EPROTO/i.test(`${code} ${msg}`) && req.url.protocol === "https:" ? "the registry may be serving plain HTTP; try --plain-http" : void 0;
    return new OrasError("TLS_ERROR", `${where}: ${msg}`, hint ? { cause: err, hint } : { cause: err });
  }
  return new OrasError("NETWORK_ERROR", `${where}: ${msg}`, { cause: err });
}
function bodyWriter(cr, stallMs, onStall) {
  let wake;
  let stalled = false;
  let timer;
  const rouse = () => {
    stalled = false;
    const w = wake;
    wake = void 0;
    w?.();
  };
  cr.on("close", rouse);
  cr.on("response", rouse);
  return {
    write(chunk) {
      const taken = new Promise((resolve5) => {
        wake = resolve5;
      });
      if (!cr.write(chunk, rouse) && wake !== void 0 && stallMs > 0) {
        stalled = true;
        if (timer === void 0) {
          timer = setTimeout(() => {
            if (stalled) onStall();
          }, stallMs);
        } else timer.refresh();
      }
      return taken;
    },
    stop() {
      clearTimeout(timer);
      cr.off("close", rouse);
      cr.off("response", rouse);
    }
  };
}
function createNodeTransport(opts = {}) {
  const maxSockets = opts.maxSockets ?? DEFAULT_MAX_SOCKETS;
  const connectTimeout = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const headerTimeout = opts.headerTimeoutMs ?? DEFAULT_HEADER_TIMEOUT_MS;
  const bodyTimeouts2 = {
    idleMs: opts.metadataIdleTimeoutMs ?? DEFAULT_METADATA_IDLE_TIMEOUT_MS,
    totalMs: opts.metadataTimeoutMs ?? DEFAULT_METADATA_TIMEOUT_MS
  };
  const agentOpts = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: "lifo" };
  const tls = { rejectUnauthorized: opts.insecure !== true };
  const ca = readPem(opts.caFile, opts.ca, "CA file");
  const cert = readPem(opts.certFile, opts.cert, "certificate file");
  const key = readPem(opts.keyFile, opts.key, "key file");
  if (cert === void 0 !== (key === void 0)) {
    throw new OrasError("INVALID_ARGUMENT", "--cert-file must be used in conjunction with --key-file");
  }
  if (ca !== void 0) tls.ca = ca;
  if (cert !== void 0) tls.cert = cert;
  if (key !== void 0) tls.key = key;
  const httpAgent = new http2.Agent(agentOpts);
  let httpsAgent;
  const rules = /* @__PURE__ */ new Map();
  for (const r of opts.resolve ?? []) {
    const rule = typeof r === "string" ? parseResolveRule(r) : r;
    rules.set(`${stripBrackets(rule.host).toLowerCase()}:${rule.port}`, rule);
  }
  const proxyOf = opts.proxy === void 0 ? void 0 : typeof opts.proxy === "function" ? opts.proxy : proxyFunc(opts.proxy);
  const proxyAgents = /* @__PURE__ */ new Map();
  const proxyDial = (proxy) => {
    const host = stripBrackets(proxy.hostname);
    const port = proxy.port !== "" ? Number(proxy.port) : proxy.protocol === "https:" ? 443 : 80;
    const r = rules.get(`${host.toLowerCase()}:${port}`);
    return r ? { address: stripBrackets(r.address), port: r.addressPort } : { address: host, port };
  };
  const proxyAgent = (proxy, tunnel) => {
    const key2 = `${tunnel ? "tunnel" : "plain"} ${proxy.href}`;
    const known = proxyAgents.get(key2);
    if (known !== void 0) return known;
    const dial = proxyDial(proxy);
    const proxyHost = stripBrackets(proxy.hostname);
    const proxyTls = { ...tls, ...isIP3(proxyHost) === 0 ? { servername: proxyHost } : {} };
    const a = tunnel ? createTunnelAgent({ ...agentOpts, ...tls, proxy, proxyAddress: dial.address, proxyPort: dial.port, connectTimeoutMs: connectTimeout, proxyTls }) : proxy.protocol === "https:" ? new (httpsModule()).Agent({ ...agentOpts, ...proxyTls }) : new http2.Agent(agentOpts);
    proxyAgents.set(key2, a);
    return a;
  };
  const send2 = (req) => {
    const url = req.url;
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:") {
      return Promise.reject(new OrasError("UNSUPPORTED", `unsupported URL scheme ${JSON.stringify(url.protocol)} in ${JSON.stringify(url.href)}`));
    }
    const hostname2 = stripBrackets(url.hostname);
    const port = url.port !== "" ? Number(url.port) : secure ? 443 : 80;
    const rule = rules.get(`${hostname2.toLowerCase()}:${port}`);
    const headers = {};
    req.headers.forEach((v, k) => {
      headers[k] = v;
    });
    headers.host = url.host;
    if (req.contentLength !== void 0) headers["content-length"] = String(req.contentLength);
    else if (req.body !== void 0) headers["transfer-encoding"] = "chunked";
    const options = {
      method: req.method,
      host: rule ? stripBrackets(rule.address) : hostname2,
      port: rule ? rule.addressPort : port,
      path: `${url.pathname}${url.search}`,
      headers,
      agent: secure ? httpsAgent ??= new (httpsModule()).Agent({ ...agentOpts, ...tls }) : httpAgent
    };
    if (secure && isIP3(hostname2) === 0) options.servername = hostname2;
    if (req.signal) options.signal = req.signal;
    const proxy = proxyOf?.(url);
    let viaTls = secure;
    if (proxy !== void 0) {
      if (secure) {
        options.agent = proxyAgent(proxy, true);
      } else {
        const dial = proxyDial(proxy);
        const target2 = rule ? `${isIP3(stripBrackets(rule.address)) === 6 ? `[${stripBrackets(rule.address)}]` : rule.address}:${rule.addressPort}` : url.host;
        options.host = dial.address;
        options.port = dial.port;
        options.path = `http://${target2}${url.pathname}${url.search}`;
        options.agent = proxyAgent(proxy, false);
        const auth = proxyAuthorization(proxy);
        if (auth !== void 0) headers["proxy-authorization"] = auth;
        viaTls = proxy.protocol === "https:";
      }
    }
    return new Promise((resolve5, reject) => {
      let responded = false;
      let bodyDone = req.body === void 0;
      let timer;
      const clearTimer = () => {
        if (timer) clearTimeout(timer);
        timer = void 0;
      };
      let waitTimer;
      const clearWait = () => {
        if (waitTimer) clearTimeout(waitTimer);
        waitTimer = void 0;
      };
      const awaitRegistry = (what, ms = headerTimeout) => {
        clearWait();
        if (headerTimeout <= 0 || responded) return;
        waitTimer = setTimeout(() => {
          cr.destroy(timeoutError(`${what} within ${ms} ms (header timeout)`));
        }, ms);
      };
      const cr = (viaTls ? httpsModule() : http2).request(options);
      cr.on("socket", (sock) => {
        if (!sock.connecting) return;
        timer = setTimeout(() => {
          cr.destroy(timeoutError(`connection to ${url.host} timed out after ${connectTimeout} ms`));
        }, connectTimeout);
        sock.once(viaTls ? "secureConnect" : "connect", () => {
          clearTimer();
          if (bodyDone && waitTimer === void 0) awaitRegistry("no response");
        });
        sock.once("close", clearTimer);
      });
      cr.on("response", (res) => {
        responded = true;
        clearTimer();
        clearWait();
        if (!bodyDone) {
          const kill = () => cr.destroy();
          res.once("end", kill);
          res.once("close", kill);
        }
        setBodyTimeouts(res, bodyTimeouts2);
        resolve5({ status: res.statusCode ?? 0, headers: headersFromRaw(res.rawHeaders), url, body: res });
      });
      cr.on("error", (err) => {
        clearTimer();
        clearWait();
        if (!responded) reject(networkError(err, req));
      });
      if (req.body === void 0) {
        cr.end();
        cr.once("socket", (sock) => {
          if (!sock.connecting) awaitRegistry("no response");
        });
        return;
      }
      const body = req.body;
      const writer = bodyWriter(cr, headerTimeout, () => {
        if (!responded) cr.destroy(timeoutError(`the registry stopped reading the request body within ${headerTimeout} ms (header timeout)`));
      });
      (async () => {
        let n2 = 0;
        const limit = req.contentLength;
        for await (const chunk of body()) {
          if (responded || cr.destroyed) return;
          n2 += chunk.byteLength;
          if (limit !== void 0 && n2 > limit) {
            throw new OrasError("SIZE_MISMATCH", `${req.method} "${url.href}": request body is longer than the declared ${limit} bytes`);
          }
          await writer.write(chunk);
        }
        if (responded || cr.destroyed) return;
        if (limit !== void 0 && n2 !== limit) {
          throw new OrasError("SIZE_MISMATCH", `${req.method} "${url.href}": request body ended after ${n2} of ${limit} bytes`);
        }
        bodyDone = true;
        cr.end();
        awaitRegistry("no response", headerTimeout + Math.floor(n2 / UPLOAD_BYTES_PER_EXTRA_SECOND) * 1e3);
      })().catch((err) => {
        cr.destroy(err instanceof Error ? err : new Error(String(err)));
      }).finally(() => writer.stop());
    });
  };
  return Object.assign(send2, {
    close() {
      httpAgent.destroy();
      httpsAgent?.destroy();
      for (const a of proxyAgents.values()) a.destroy();
    }
  });
}
var DEFAULT_MAX_SOCKETS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_HEADER_TIMEOUT_MS, UPLOAD_BYTES_PER_EXTRA_SECOND, TLS_CODES;
var init_node = __esm({
  "src/registry/transport/node.ts"() {
    "use strict";
    init_errors();
    init_options();
    init_proxy();
    init_headers();
    init_body();
    DEFAULT_MAX_SOCKETS = 10;
    DEFAULT_CONNECT_TIMEOUT_MS = 3e4;
    DEFAULT_HEADER_TIMEOUT_MS = 6e4;
    UPLOAD_BYTES_PER_EXTRA_SECOND = 10 * 1024 * 1024;
    TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO$|HOSTNAME_MISMATCH)/;
  }
});

// src/registry/transport/retry.ts
import { setTimeout as delay2 } from "node:timers/promises";
function isRetryableStatus(status) {
  return status === 408 || status === 429 || status >= 500;
}
function isRetryableError(err) {
  let cur = err;
  for (let i = 0; i < 16 && cur !== null && typeof cur === "object"; i++) {
    if (OrasError.is(cur) && cur.code === "ABORTED") return false;
    if (cur.name === "AbortError") return false;
    const code = cur.code;
    if (typeof code === "string" && RETRYABLE_NET_CODES.has(code)) return true;
    cur = cur.cause;
  }
  return false;
}
function isConnectionRefused(err) {
  let cur = err;
  for (let i = 0; i < 16 && cur !== null && typeof cur === "object"; i++) {
    if (cur.code === "ECONNREFUSED") return true;
    cur = cur.cause;
  }
  return false;
}
function backoffDelay(attempt, opts = {}, random = Math.random) {
  const base2 = (opts.baseDelayMs ?? 250) * (opts.factor ?? 2) ** attempt;
  const jitter = opts.jitter ?? 0.1;
  const d = base2 * (1 + jitter * (2 * random() - 1));
  return clamp(d, opts);
}
function clamp(ms, opts) {
  return Math.round(Math.min(opts.maxDelayMs ?? 3e3, Math.max(opts.minDelayMs ?? 200, ms)));
}
function retryAfterMs(res, statuses = [429]) {
  if (!statuses.includes(res.status)) return void 0;
  const v = res.headers.get("retry-after")?.trim();
  if (v === void 0 || !/^[0-9]+$/.test(v)) return void 0;
  const s2 = Number(v);
  return s2 > 0 ? s2 * 1e3 : void 0;
}
function retryMiddleware(opts = {}) {
  const maxRetries = opts.maxRetries ?? 5;
  const sleep = opts.sleep ?? ((ms, signal) => delay2(ms, void 0, signal ? { signal } : {}));
  const random = opts.random ?? Math.random;
  const maxElapsed = opts.maxElapsedMs ?? 12e4;
  const maxRefused = opts.maxConnectionRefusedRetries ?? 2;
  const afterStatuses = opts.retryAfterStatuses ?? [429, 503];
  return (next) => async (req) => {
    const replay = canReplay(req);
    const began = Date.now();
    let refused = 0;
    for (let attempt = 0; ; attempt++) {
      let res;
      let failure;
      try {
        res = await next(req);
      } catch (err) {
        failure = err;
      }
      const last = attempt >= maxRetries || !replay;
      if (res !== void 0) {
        if (last || !isRetryableStatus(res.status)) return res;
      } else if (last || !(isRetryableError(failure) || isConnectionRefused(failure) && refused++ < maxRefused)) {
        throw failure;
      }
      const after = res ? retryAfterMs(res, afterStatuses) : void 0;
      const ms = after !== void 0 ? clamp(after, opts) : backoffDelay(attempt, opts, random);
      if (Date.now() - began + ms > maxElapsed) {
        if (res) return res;
        throw failure;
      }
      const reason = res ? `status ${res.status}` : String(failure?.message ?? failure);
      if (res) discardBody2(res);
      opts.onRetry?.({ attempt: attempt + 1, delayMs: ms, reason });
      try {
        await sleep(ms, req.signal);
      } catch (err) {
        throw new OrasError("ABORTED", "operation aborted", { cause: err });
      }
    }
  };
}
var RETRYABLE_NET_CODES;
var init_retry = __esm({
  "src/registry/transport/retry.ts"() {
    "use strict";
    init_errors();
    init_types();
    RETRYABLE_NET_CODES = /* @__PURE__ */ new Set(["ETIMEDOUT", "ECONNRESET", "EPIPE", "ECONNABORTED", "ESOCKETTIMEDOUT", "UND_ERR_SOCKET", "EAI_AGAIN"]);
  }
});

// src/registry/client.ts
function createRemoteClient(registry, opts = {}) {
  const host = registryHost(registry);
  const scheme = schemeFor(registry, opts.plainHttp);
  const origin = new URL(`${scheme}://${host}`).origin;
  const logger = opts.logger ?? SILENT_LOGGER;
  let close = () => {
  };
  let base2;
  if (opts.transport) {
    base2 = opts.transport;
  } else {
    const nodeOpts = {};
    const o = nodeOpts;
    for (const k of ["insecure", "ca", "caFile", "cert", "certFile", "key", "keyFile", "resolve", "maxSockets", "connectTimeoutMs", "headerTimeoutMs", "metadataIdleTimeoutMs", "metadataTimeoutMs", "proxy"]) {
      if (opts[k] !== void 0) o[k] = opts[k];
    }
    const nt = createNodeTransport(nodeOpts);
    base2 = nt;
    close = () => nt.close();
  }
  const custom = headerEntries(opts.headers);
  const auth = opts.authClient ?? new AuthClient(authOptions(opts));
  const stack = [
    customHeadersMiddleware(custom, (u) => u.origin === origin),
    warningMiddleware(logger),
    auth.middleware,
    redirectMiddleware({ extraSensitive: custom.map(([k]) => k) })
  ];
  if (opts.retry !== false) {
    const r = opts.retry ?? {};
    stack.push(
      retryMiddleware({
        ...r,
        onRetry: (info) => {
          r.onRetry?.(info);
          if (opts.debug) logger.debug(`retry ${info.attempt} in ${info.delayMs} ms: ${info.reason}`);
        }
      })
    );
  }
  stack.push(defaultHeadersMiddleware([["user-agent", opts.userAgent ?? defaultUserAgent()]]));
  if (opts.debug) stack.push(loggingMiddleware(logger));
  return {
    registry,
    host,
    scheme,
    origin,
    transport: compose(base2, ...stack),
    auth,
    signal: opts.signal,
    close
  };
}
function authOptions(opts) {
  const a = {};
  if (opts.credential !== void 0) a.credential = opts.credential;
  if (opts.clientId !== void 0) a.clientId = opts.clientId;
  return a;
}
function combineSignals(...signals) {
  const s2 = [...new Set(signals.filter((x) => x !== void 0))];
  if (s2.length === 0) return void 0;
  if (s2.length === 1) return s2[0];
  if (s2.length > 2) return AbortSignal.any(s2);
  const [a, b] = s2;
  let byB = combinedPairs.get(a);
  if (byB === void 0) {
    byB = /* @__PURE__ */ new WeakMap();
    combinedPairs.set(a, byB);
  }
  let c = byB.get(b);
  if (c === void 0) {
    c = AbortSignal.any([a, b]);
    byB.set(b, c);
  }
  return c;
}
var combinedPairs;
var init_client2 = __esm({
  "src/registry/client.ts"() {
    "use strict";
    init_reference();
    init_client();
    init_middleware();
    init_node();
    init_options();
    init_retry();
    init_types();
    combinedPairs = /* @__PURE__ */ new WeakMap();
  }
});

// src/registry/link.ts
function parseNextLink(header, base2) {
  if (!header) return void 0;
  for (const link4 of splitLinks(header)) {
    const m = /^\s*<([^>]*)>(.*)$/s.exec(link4);
    if (!m) continue;
    const params = m[2] ?? "";
    let isNext = false;
    for (const p of params.split(";")) {
      const eq2 = p.indexOf("=");
      if (eq2 < 0) continue;
      if (p.slice(0, eq2).trim().toLowerCase() !== "rel") continue;
      const value = p.slice(eq2 + 1).trim().replace(/^"(.*)"$/s, "$1");
      if (value.toLowerCase().split(/\s+/).includes("next")) isNext = true;
    }
    if (!isNext) continue;
    let url;
    try {
      url = new URL(m[1] ?? "", base2);
    } catch (err) {
      throw new OrasError("REGISTRY_ERROR", `invalid Link header from ${base2.host}: ${JSON.stringify(header)}`, { cause: err });
    }
    if (url.origin !== base2.origin) {
      throw new OrasError("REGISTRY_ERROR", `refusing cross-origin Link ${JSON.stringify(url.href)} from ${base2.host}`);
    }
    return url;
  }
  return void 0;
}
function splitLinks(header) {
  const out = [];
  let cur = "";
  let inAngle = false;
  let inQuote = false;
  for (const c of header) {
    if (c === "<" && !inQuote) inAngle = true;
    else if (c === ">" && !inQuote) inAngle = false;
    else if (c === '"' && !inAngle) inQuote = !inQuote;
    if (c === "," && !inAngle && !inQuote) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  if (cur.trim() !== "") out.push(cur);
  return out;
}
var init_link = __esm({
  "src/registry/link.ts"() {
    "use strict";
    init_errors();
  }
});

// src/oci/budget.ts
var Budget;
var init_budget = __esm({
  "src/oci/budget.ts"() {
    "use strict";
    init_errors();
    Budget = class {
      items = 0;
      bytes = 0;
      limits;
      constructor(limits) {
        this.limits = limits;
      }
      /** Takes `n` more items (before fetching them, or once found). */
      addItems(n2) {
        if (this.items + n2 > this.limits.maxItems) throw new OrasError("SIZE_EXCEEDS_LIMIT", this.limits.tooMany(this.limits.maxItems));
        this.items += n2;
      }
      /** Takes `n` more bytes. */
      addBytes(n2) {
        this.bytes += n2;
        if (this.bytes > this.limits.maxBytes) throw new OrasError("SIZE_EXCEEDS_LIMIT", this.limits.tooLarge(this.limits.maxBytes, this.items));
      }
    };
  }
});

// src/registry/list.ts
function parseListBody(raw, field, url) {
  const v = parseJSON(raw, `GET "${url.href}": ${field} list`, "REGISTRY_ERROR");
  const list3 = v?.[field];
  if (list3 === void 0 || list3 === null) return [];
  if (!Array.isArray(list3)) throw new OrasError("REGISTRY_ERROR", `GET "${url.href}": ${field} is not a list`);
  return list3.filter((x) => typeof x === "string");
}
async function* listPages(o) {
  let url = o.first;
  const budget = new PageBudget(o.limits, o.what ?? `${o.field} list`);
  while (url !== void 0) {
    budget.nextPage();
    const req = {
      method: "GET",
      url,
      headers: new HeaderMap({ accept: "application/json" }),
      scopes: o.scopes,
      ...o.signal ? { signal: o.signal } : {}
    };
    const res = await o.transport(req);
    if (res.status !== 200) {
      const hint = o.hint?.(res.status);
      const err = await responseError(req, res, hint ? { hint } : void 0);
      throw res.status === 404 && o.onNotFound ? o.onNotFound(err) : err;
    }
    const raw = await readSmallBody(res.body, MAX_MANIFEST_BYTES, `${o.field} list`);
    budget.addBytes(raw.length);
    for (const e of parseListBody(raw, o.field, req.url)) yield e;
    url = parseNextLink(res.headers.get("link"), res.url);
  }
}
var MAX_LIST_PAGES, MAX_LIST_BYTES, MAX_REFERRERS, PageBudget;
var init_list = __esm({
  "src/registry/list.ts"() {
    "use strict";
    init_errors();
    init_budget();
    init_json();
    init_manifest();
    init_errors2();
    init_link();
    init_body();
    init_headers();
    MAX_LIST_PAGES = 1e4;
    MAX_LIST_BYTES = 64 * 1024 * 1024;
    MAX_REFERRERS = 1e4;
    PageBudget = class extends Budget {
      constructor(limits, what) {
        super({
          maxItems: limits?.maxPages ?? MAX_LIST_PAGES,
          maxBytes: limits?.maxBytes ?? MAX_LIST_BYTES,
          tooMany: (max) => `${what}: the registry sent more than ${max} pages (page limit)`,
          tooLarge: (max, pages) => `${what}: the registry sent more than ${max} bytes in ${pages} pages (list size limit)`
        });
      }
      /** Before requesting a page (then `addBytes` after reading it). */
      nextPage() {
        this.addItems(1);
      }
    };
  }
});

// src/registry/endpoint.ts
function mediaTypeOf(res) {
  const t = mediaTypeOfContentType(res.headers.get("content-type"));
  return t === "" ? void 0 : t;
}
function contentLengthOf(res) {
  const v = res.headers.get("content-length");
  if (v === null || !/^[0-9]+$/.test(v.trim())) return void 0;
  const n2 = Number(v.trim());
  return Number.isSafeInteger(n2) ? n2 : void 0;
}
var RepositoryEndpoint;
var init_endpoint = __esm({
  "src/registry/endpoint.ts"() {
    "use strict";
    init_errors();
    init_digest();
    init_mediatypes();
    init_reference();
    init_scope();
    init_client2();
    init_errors2();
    init_headers();
    init_types();
    RepositoryEndpoint = class {
      client;
      registry;
      name;
      scopeActions;
      constructor(client, registry, name, scopeActions) {
        this.client = client;
        this.registry = registry;
        this.name = name;
        this.scopeActions = scopeActions;
      }
      /** `registry/repository` */
      toString() {
        return `${this.registry}/${this.name}`;
      }
      /** `scheme://host/v2/<repo>/<path>` */
      url(path) {
        return new URL(`${this.client.origin}/v2/${this.name}/${path}`);
      }
      /** The client's signal combined with the operation's. */
      signal(opts) {
        return combineSignals(this.client.signal, opts?.signal);
      }
      acceptHeaders(types) {
        return new HeaderMap({ accept: types.join(", ") });
      }
      /** A request with this repository's scope (`actions` plus the hinted ones) and signal. */
      request(method, url, headers, actions, opts, extraScopes = [], body) {
        const signal = this.signal(opts);
        return {
          method,
          url,
          headers,
          scopes: [repositoryScope(this.name, ...actions, ...this.scopeActions), ...extraScopes],
          ...signal ? { signal } : {},
          ...body
        };
      }
      /** A tag or digest, alone or as a full reference into this repository. */
      parseRef(reference) {
        let r = reference;
        if (r.includes("/")) {
          const parsed = parseReference(r);
          if (parsed.registry !== this.registry || parsed.repository !== this.name) {
            throw new OrasError("INVALID_REFERENCE", `invalid reference: ${JSON.stringify(reference)} is not in ${this}`);
          }
          r = parsed.reference;
        }
        if (r === "") throw new OrasError("INVALID_REFERENCE", `invalid reference: missing tag or digest in ${JSON.stringify(reference)}`);
        if (r.includes(":")) {
          try {
            return { kind: "digest", value: parseDigest(r) };
          } catch (err) {
            throw new OrasError("INVALID_REFERENCE", `invalid reference: ${err.message}`, { cause: err });
          }
        }
        if (!isValidTag(r)) throw new OrasError("INVALID_REFERENCE", `invalid reference: invalid tag ${JSON.stringify(r)}`);
        return { kind: "tag", value: r };
      }
      headerDigest(header, req, res) {
        try {
          return parseDigest(header);
        } catch (err) {
          res?.body.destroy();
          throw new OrasError("REGISTRY_ERROR", `${req.method} "${req.url.href}": invalid Docker-Content-Digest ${JSON.stringify(header)}`, { cause: err });
        }
      }
      /** `registry/repo:tag` or `registry/repo@digest` */
      display(ref) {
        if (ref === "") return String(this);
        return ref.includes(":") ? `${this}@${ref}` : `${this}:${ref}`;
      }
      notFound(ref, cause, message) {
        return new OrasError("NOT_FOUND", message ?? `${this.display(ref)}: not found`, { cause });
      }
      hintFor(status) {
        if (status === 401) return `check the credentials for ${this.registry}`;
        if (status === 403) return `the credentials for ${this.registry} are not allowed to do this on ${this.name}`;
        return void 0;
      }
      /** `DELETE /v2/<name>/<kind>/<digest>` (NOT_FOUND when the registry has no such content). */
      async deleteContent(kind, digest, opts) {
        const req = this.request("DELETE", this.url(`${kind}/${digest}`), new HeaderMap(), [ACTION_DELETE], opts);
        const res = await this.client.transport(req);
        if (res.status === 202 || res.status === 200) {
          discardBody2(res);
          return;
        }
        if (res.status === 404) throw this.notFound(digest, await responseError(req, res));
        throw await this.failure(req, res);
      }
      async failure(req, res) {
        const hint = this.hintFor(res.status);
        return responseError(req, res, hint ? { hint } : void 0);
      }
    };
  }
});

// src/registry/referrers.ts
function canHaveSubject(mediaType) {
  return mediaType === MediaType.ImageManifest || mediaType === MediaType.ImageIndex || mediaType === MediaType.ArtifactManifest;
}
function filterReferrers(referrers3, artifactType) {
  if (!artifactType) return [...referrers3];
  return referrers3.filter((r) => r.artifactType === artifactType);
}
function isFilterApplied(applied, filter) {
  if (!applied) return false;
  return applied.split(",").some((f2) => f2.trim() === filter);
}
function decodeReferrersIndex(raw, what = "referrers index") {
  const v = decodeJSONObject(raw, what);
  const list3 = v.manifests;
  const entries = [];
  if (Array.isArray(list3)) {
    for (const item of list3) {
      try {
        entries.push(parseDescriptor(item, what));
      } catch {
        entries.push(void 0);
      }
    }
  } else if (list3 !== void 0 && list3 !== null) {
    throw new OrasError("INVALID_MANIFEST", `${what}: manifests must be an array`);
  }
  const annotations = {};
  const a = v.annotations;
  if (a && typeof a === "object" && !Array.isArray(a)) {
    for (const [k, val] of Object.entries(a)) if (typeof val === "string") annotations[k] = val;
  }
  return { entries, annotations };
}
function isNameUnknown(err) {
  return err.errors.some((e) => e.code === "NAME_UNKNOWN");
}
async function referrersByAPI(ctx, desc, opts = {}) {
  const digest = parseDigest(desc.digest);
  const out = [];
  const what = `referrers of ${digest}`;
  const budget = new PageBudget(ctx.listLimits, what);
  const first = ctx.referrersRequest(digest, opts.artifactType);
  let url = first.url;
  while (url !== void 0) {
    budget.nextPage();
    const req = { ...first, url };
    const res = await ctx.transport(req);
    if (res.status === 404) {
      const err = await responseError(req, res);
      if (isNameUnknown(err)) throw new OrasError("NOT_FOUND", `${ctx.repository}: repository not found`, { cause: err });
      throw new OrasError("UNSUPPORTED", `failed to query referrers API: unsupported`, { cause: err });
    }
    if (res.status !== 200) throw await responseError(req, res);
    const ct = mediaTypeOf(res) ?? "";
    if (ct !== MediaType.ImageIndex) {
      discardBody2(res);
      throw new OrasError("UNSUPPORTED", `unknown content returned (${ct}), expecting image index: unsupported`);
    }
    const raw = await readSmallBody(res.body, ctx.maxMetadataBytes, what);
    budget.addBytes(raw.length);
    const { entries, annotations } = decodeReferrersIndex(raw, what);
    let referrers3 = entries.filter((e) => e !== void 0);
    if (opts.artifactType) {
      const applied = isFilterApplied(res.headers.get("oci-filters-applied"), "artifactType") || isFilterApplied(annotations[Annotation.ReferrersFiltersApplied], "artifactType");
      if (!applied) referrers3 = filterReferrers(referrers3, opts.artifactType);
    }
    out.push(...referrers3);
    checkReferrerCount(ctx, out.length, what);
    url = parseNextLink(res.headers.get("link"), req.url);
  }
  return out;
}
function checkReferrerCount(ctx, n2, what) {
  const max = ctx.listLimits?.maxReferrers ?? MAX_REFERRERS;
  if (n2 > max) throw new OrasError("SIZE_EXCEEDS_LIMIT", `${what}: more than ${max} referrers (referrer limit)`);
}
async function referrersFromIndex(ctx, tag2) {
  const { desc, body } = await ctx.fetchReference(tag2);
  const raw = await readAllLimited(body, ctx.maxMetadataBytes, `referrers index ${tag2}`);
  try {
    return { desc, entries: decodeReferrersIndex(raw).entries };
  } catch (err) {
    throw new OrasError("INVALID_MANIFEST", `failed to decode referrers index from referrers tag ${tag2}: ${err.message}`, { cause: err });
  }
}
async function referrersByTagSchema(ctx, desc, opts = {}) {
  const tag2 = referrersTagOf(parseDigest(desc.digest));
  try {
    const { entries } = await referrersFromIndex(ctx, tag2);
    const found = filterReferrers(
      entries.filter((e) => e !== void 0),
      opts.artifactType
    );
    checkReferrerCount(ctx, found.length, `referrers index ${tag2}`);
    return found;
  } catch (err) {
    if (OrasError.is(err) && err.code === "NOT_FOUND") return [];
    throw err;
  }
}
async function listReferrers(ctx, desc, opts = {}) {
  const state = ctx.state();
  if (state === "unsupported") return referrersByTagSchema(ctx, desc, opts);
  if (state === "supported") return referrersByAPI(ctx, desc, opts);
  try {
    const result = await referrersByAPI(ctx, desc, opts);
    ctx.setState("supported");
    return result;
  } catch (err) {
    if (OrasError.is(err) && err.code === "UNSUPPORTED") {
      ctx.setState("unsupported");
      return referrersByTagSchema(ctx, desc, opts);
    }
    throw err;
  }
}
async function pingReferrers(ctx) {
  if (ctx.state() !== "unknown") return ctx.state() === "supported";
  return ctx.pingOnce(async () => {
    const req = ctx.referrersRequest(REFERRERS_PING_DIGEST);
    const res = await ctx.transport(req);
    if (res.status === 200) {
      discardBody2(res);
      const supported = mediaTypeOf(res) === MediaType.ImageIndex;
      ctx.setState(supported ? "supported" : "unsupported");
      return ctx.state() === "supported";
    }
    if (res.status === 404) {
      const err = await responseError(req, res);
      if (isNameUnknown(err)) throw new OrasError("NOT_FOUND", `${ctx.repository}: repository not found`, { cause: err });
      ctx.setState("unsupported");
      return ctx.state() === "supported";
    }
    throw await responseError(req, res);
  });
}
function applyReferrerChanges(referrers3, changes) {
  const positions = /* @__PURE__ */ new Map();
  const updated = [];
  let updateRequired = false;
  for (const r of referrers3) {
    if (r === void 0 || r.mediaType === "" && r.size === 0) {
      updateRequired = true;
      continue;
    }
    const key = keyOf(r);
    if (positions.has(key)) {
      updateRequired = true;
      continue;
    }
    updated.push(r);
    positions.set(key, updated.length - 1);
  }
  for (const change of changes) {
    const key = keyOf(change.referrer);
    if (change.operation === "add") {
      if (!positions.has(key)) {
        updated.push(change.referrer);
        positions.set(key, updated.length - 1);
      }
    } else {
      const pos = positions.get(key);
      if (pos !== void 0) {
        updated[pos] = void 0;
        positions.delete(key);
      }
    }
  }
  if (!updateRequired && positions.size === referrers3.length) {
    const same = referrers3.every((r) => r !== void 0 && positions.has(keyOf(r)));
    if (same) return void 0;
  }
  return updated.filter((d) => d !== void 0);
}
async function updateReferrersIndex(ctx, subject, change) {
  const tag2 = referrersTagOf(parseDigest(subject.digest));
  await ctx.serialize(tag2, () => applyIndexChange(ctx, tag2, change));
}
async function applyIndexChange(ctx, tag2, change) {
  let oldDesc;
  let oldEntries = [];
  try {
    const found = await referrersFromIndex(ctx, tag2);
    oldDesc = found.desc;
    oldEntries = found.entries;
  } catch (err) {
    if (!(OrasError.is(err) && err.code === "NOT_FOUND")) throw err;
  }
  const updated = applyReferrerChanges(oldEntries, [change]);
  if (updated === void 0) return;
  let newDigest;
  if (updated.length > 0 || ctx.skipGC) {
    const packed = encodeReferrersIndex(updated);
    await ctx.pushIndex(packed.desc, packed.bytes, tag2);
    newDigest = packed.desc.digest;
  }
  if (ctx.skipGC || oldDesc === void 0 || oldDesc.digest === newDigest) return;
  try {
    await ctx.deleteManifest(oldDesc);
  } catch (err) {
    if (OrasError.is(err) && (err.code === "NOT_FOUND" || err.code === "UNSUPPORTED" || err.status === 405)) return;
    throw new OrasError("REGISTRY_ERROR", `failed to delete dangling referrers index ${oldDesc.digest} for referrers tag ${tag2}: ${err.message}`, {
      cause: err
    });
  }
}
function encodeReferrersIndex(manifests2) {
  const bytes = new TextEncoder().encode(encodeIndex({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: manifests2 }));
  return { desc: { mediaType: MediaType.ImageIndex, digest: digestOf(bytes), size: bytes.byteLength }, bytes };
}
function referrerEntryOf(desc, raw) {
  if (!canHaveSubject(desc.mediaType)) return void 0;
  const p = parseManifest(raw, desc.mediaType);
  const subject = subjectOf(p);
  if (subject === void 0) return void 0;
  return { subject, entry: referrerDescriptorOf({ mediaType: desc.mediaType, digest: desc.digest, size: desc.size }, p) };
}
function entryOrUndefined(desc, raw) {
  try {
    return referrerEntryOf(desc, raw);
  } catch {
    return void 0;
  }
}
async function indexReferrersForPush(ctx, desc, raw) {
  const found = entryOrUndefined(desc, raw);
  if (found === void 0) return;
  ctx.setState("unsupported");
  if (ctx.state() === "supported") return;
  await updateReferrersIndex(ctx, found.subject, { referrer: found.entry, operation: "add" });
}
async function indexReferrersForDelete(ctx, desc, raw) {
  const found = entryOrUndefined(desc, raw);
  if (found === void 0) return;
  if (await pingReferrers(ctx)) return;
  await updateReferrersIndex(ctx, found.subject, { referrer: found.entry, operation: "remove" });
}
var REFERRERS_PING_DIGEST, keyOf;
var init_referrers = __esm({
  "src/registry/referrers.ts"() {
    "use strict";
    init_verify();
    init_errors();
    init_descriptor();
    init_digest();
    init_json();
    init_manifest();
    init_mediatypes();
    init_endpoint();
    init_errors2();
    init_link();
    init_list();
    init_body();
    init_types();
    REFERRERS_PING_DIGEST = `sha256:${"0".repeat(64)}`;
    keyOf = (d) => `${d.mediaType}\0${d.digest}\0${d.size}`;
  }
});

// src/registry/transport/resume.ts
import { finished, Readable as Readable10 } from "node:stream";
import { setTimeout as delay3 } from "node:timers/promises";
function rangeFrom(offset) {
  return `bytes=${offset}-`;
}
function parseContentRange(v) {
  if (v === null) return void 0;
  const m = /^\s*bytes\s+([0-9]{1,15})-([0-9]{1,15})\/([0-9]{1,15}|\*)\s*$/i.exec(v);
  if (!m) return void 0;
  const first = Number(m[1]);
  const last = Number(m[2]);
  const total = m[3] === "*" ? void 0 : Number(m[3]);
  if (last < first || total !== void 0 && last >= total) return void 0;
  return { first, last, total };
}
function isResumableError(err) {
  if (OrasError.is(err) && (err.code === "ABORTED" || err.code === "TRAILING_DATA")) return false;
  if (isRetryableError(err)) return true;
  if (OrasError.is(err) && (err.code === "NETWORK_ERROR" || err.code === "UNEXPECTED_EOF")) return true;
  let cur = err;
  for (let i = 0; i < 16 && cur !== null && typeof cur === "object"; i++) {
    const code = cur.code;
    if (code === "ERR_STREAM_PREMATURE_CLOSE" || code === "ECONNREFUSED" || code === "ENETUNREACH" || code === "EHOSTUNREACH") return true;
    const status = cur.status;
    if (typeof status === "number" && (status === 408 || status === 429 || status >= 500)) return true;
    cur = cur.cause;
  }
  return false;
}
function resumableBody(first, open10, opts) {
  return new ResumableBody(first, open10, opts);
}
function resumePolicy(opts) {
  const maxResumes = opts.maxResumes ?? DEFAULT_MAX_RESUMES;
  const maxElapsed = opts.maxElapsedMs ?? DEFAULT_RESUME_ELAPSED_MS;
  const sleep = opts.sleep ?? ((ms, signal2) => delay3(ms, void 0, signal2 ? { signal: signal2 } : {}));
  const signal = opts.signal;
  const began = Date.now();
  let resumes = 0;
  return async (err, offset) => {
    if (signal?.aborted) throw new OrasError("ABORTED", "operation aborted", { cause: err });
    const elapsed = Date.now() - began;
    if (!isResumableError(err) || resumes >= maxResumes || elapsed >= maxElapsed) throw err;
    const ms = Math.min(backoffDelay(resumes, opts.backoff ?? {}), Math.max(0, maxElapsed - elapsed));
    resumes++;
    opts.onResume?.({ offset, attempt: resumes, reason: err?.message ?? String(err) });
    try {
      await sleep(ms, signal);
    } catch (e) {
      throw new OrasError("ABORTED", "operation aborted", { cause: e });
    }
  };
}
var DEFAULT_MAX_RESUMES, DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_RESUME_ELAPSED_MS, ResumableBody;
var init_resume = __esm({
  "src/registry/transport/resume.ts"() {
    "use strict";
    init_errors();
    init_body();
    init_retry();
    DEFAULT_MAX_RESUMES = 8;
    DEFAULT_IDLE_TIMEOUT_MS = 6e4;
    DEFAULT_RESUME_ELAPSED_MS = 30 * 6e4;
    ResumableBody = class extends Readable10 {
      open;
      opts;
      retry;
      idleMs;
      source;
      stopWatching;
      /** Blob offset of the next byte to deliver. */
      pos;
      /** Bytes of the current source to drop (it started before `pos`). */
      skip = 0;
      /** The consumer asked us to wait (push returned false): not an idle socket. */
      held = false;
      lastData = 0;
      idleTimer;
      constructor(first, open10, opts) {
        super({ highWaterMark: 64 * 1024 });
        this.open = open10;
        this.opts = opts;
        this.retry = resumePolicy(opts);
        this.idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
        this.pos = opts.start;
        this.attach(first);
      }
      _read() {
        if (!this.held) return;
        this.held = false;
        this.lastData = performance.now();
        this.source?.resume();
      }
      _destroy(err, callback) {
        this.stopIdleTimer();
        this.detach()?.destroy();
        callback(err);
      }
      attach(r) {
        if (r.offset > this.pos) {
          r.body.destroy();
          this.fail(new OrasError("REGISTRY_ERROR", `${this.opts.what}: the registry resumed at byte ${r.offset}, expected ${this.pos}`));
          return;
        }
        const src = r.body;
        this.source = src;
        this.skip = this.pos - r.offset;
        this.held = false;
        this.lastData = performance.now();
        this.startIdleTimer();
        const onData = (chunk) => this.onData(src, chunk);
        src.on("data", onData);
        const stop = finished(src, { writable: false }, (err) => {
          if (this.source !== src) return;
          if (err) this.interrupted(err);
          else if (this.pos >= this.opts.size) this.complete();
          else this.interrupted(new OrasError("UNEXPECTED_EOF", `${this.opts.what}: unexpected EOF: got ${this.pos} of ${this.opts.size} bytes`));
        });
        this.stopWatching = () => {
          src.off("data", onData);
          stop();
        };
        if (src.isPaused()) src.resume();
      }
      /** Stops listening to the current source and returns it. */
      detach() {
        const src = this.source;
        this.source = void 0;
        this.stopWatching?.();
        this.stopWatching = void 0;
        return src;
      }
      onData(src, data) {
        if (this.source !== src) return;
        let chunk = data;
        if (this.skip > 0) {
          if (chunk.length <= this.skip) {
            this.skip -= chunk.length;
            return;
          }
          chunk = chunk.subarray(this.skip);
          this.skip = 0;
        }
        this.pos += chunk.length;
        this.lastData = performance.now();
        if (this.pos > this.opts.size) {
          this.fail(new OrasError("TRAILING_DATA", `${this.opts.what}: trailing data: more than the expected ${this.opts.size - this.opts.start} bytes`));
          return;
        }
        if (!this.push(chunk)) {
          this.held = true;
          src.pause();
        }
      }
      complete() {
        this.stopIdleTimer();
        this.detach();
        this.push(null);
      }
      fail(err) {
        this.stopIdleTimer();
        this.destroy(err instanceof Error ? err : new Error(String(err)));
      }
      /** The source broke off: resume at `pos` if the policy allows, else fail with `err`. */
      interrupted(err) {
        this.stopIdleTimer();
        this.detach()?.destroy();
        if (this.destroyed) return;
        void this.retry(err, this.pos).then(() => this.destroyed ? void 0 : this.open(this.pos)).then(
          (r) => {
            if (r === void 0) return;
            if (this.destroyed) r.body.destroy();
            else this.attach(r);
          },
          (e) => {
            if (this.destroyed) return;
            if (e === err || !isResumableError(e)) this.fail(e);
            else this.interrupted(e);
          }
        );
      }
      /** One timer per body, re-armed lazily: a chunk only records the time it arrived. */
      startIdleTimer() {
        if (this.idleMs <= 0 || this.idleTimer !== void 0) return;
        const check = () => {
          const quiet = performance.now() - this.lastData;
          if (this.held || quiet < this.idleMs) {
            this.idleTimer = setTimeout(check, this.held ? this.idleMs : this.idleMs - quiet).unref();
            return;
          }
          this.idleTimer = void 0;
          this.source?.destroy(timeoutError(`no data received for ${this.idleMs} ms`));
        };
        this.idleTimer = setTimeout(check, this.idleMs).unref();
      }
      stopIdleTimer() {
        if (this.idleTimer !== void 0) clearTimeout(this.idleTimer);
        this.idleTimer = void 0;
      }
    };
  }
});

// src/registry/upload.ts
import { setTimeout as delay4 } from "node:timers/promises";
function nextOffsetOf(range) {
  if (range === null) return void 0;
  const m = /^\s*(?:bytes=)?0-([0-9]{1,15})\s*$/.exec(range);
  if (!m) return void 0;
  return Number(m[1]) + 1;
}
function retryDelay(attempt, res) {
  const after = res ? retryAfterMs(res, [429, 503]) : void 0;
  return after !== void 0 ? Math.min(after, 1e4) : backoffDelay(attempt);
}
function waiter(ctx, opts) {
  const sleep = opts.sleep ?? ((ms, signal) => delay4(ms, void 0, signal ? { signal } : {}));
  return async (ms) => {
    try {
      await sleep(ms, ctx.signal);
    } catch (err) {
      throw new OrasError("ABORTED", "operation aborted", { cause: err });
    }
  };
}
async function openAt0(source) {
  const r = await source.open(0);
  if ("body" in r && "offset" in r) {
    if (r.offset !== 0) {
      r.body.destroy();
      throw new OrasError("UNSUPPORTED", "upload source cannot be read from the start");
    }
    return r.body;
  }
  return r;
}
function destroyQuiet(body) {
  const d = body;
  if (typeof d?.destroy === "function") d.destroy();
}
async function startSession(ctx) {
  const post = ctx.request("POST", ctx.startURL, new HeaderMap());
  const postRes = await ctx.transport(post);
  if (postRes.status !== 202) throw await ctx.failure(post, postRes);
  discardBody2(postRes);
  return { post, postRes, location: ctx.location(post, postRes) };
}
async function chunkedUpload(ctx, desc, source, opts) {
  const digest = parseDigest(desc.digest);
  const maxResumes = opts.maxResumes ?? 5;
  const maxRestarts = source.reopenable ? opts.maxRestarts ?? 2 : 0;
  const wait = waiter(ctx, opts);
  for (let restarts = 0; ; restarts++) {
    const { post, postRes, location } = await startSession(ctx);
    let loc = location;
    const minLen = Number(postRes.headers.get("oci-chunk-min-length") ?? "0");
    const chunkSize = Math.max(opts.chunkSize, Number.isSafeInteger(minLen) && minLen > 0 ? minLen : 0, MIN_CHUNK_SIZE);
    const body = await openAt0(source);
    const reader = new ChunkReader(lentChunksOf(body) ?? body, Math.min(chunkSize, Math.max(desc.size, 1)));
    const digester = new Digester(algorithmOf(digest));
    let offset = 0;
    try {
      for (; ; ) {
        const chunk = await reader.next();
        if (chunk === void 0) break;
        if (offset + chunk.length > desc.size) {
          throw new OrasError("TRAILING_DATA", `${digest}: trailing data: more than the expected ${desc.size} bytes`);
        }
        digester.update(chunk);
        const from = offset;
        const to = offset + chunk.length;
        const r = await patchLoop(ctx, opts, wait, loc, from, to, {
          maxResumes,
          patch: async (at, l) => {
            const headers = new HeaderMap({ "content-type": MediaType.OctetStream, "content-range": `${at}-${to - 1}` });
            return { req: ctx.request("PATCH", l, headers, { ...bytesBody(chunk.subarray(at - from)), replayable: false }) };
          },
          accepted: (_req, res, at) => {
            const location2 = ctx.location(post, res);
            const next = nextOffsetOf(res.headers.get("range")) ?? to;
            if (next < at || next > to) throw new SessionLost(`registry reports offset ${next} after sending ${at}-${to - 1}`);
            return { next, location: location2 };
          }
        });
        loc = r.location;
        if (r.failed !== void 0) {
          if (r.failed.exhausted) throw r.failed.failure;
          throw new SessionLost(
            r.failed.reported === void 0 ? `upload session lost after: ${reasonOf(r.failed.failure)}` : `registry reports offset ${r.failed.reported}, outside the chunk ${from}-${to - 1}`
          );
        }
        offset += chunk.length;
      }
      if (offset !== desc.size) throw new OrasError("UNEXPECTED_EOF", `${digest}: unexpected EOF: got ${offset} of ${desc.size} bytes`);
      const got = digester.digest();
      if (got !== digest) {
        await cancelUpload(ctx, loc);
        throw new OrasError("DIGEST_MISMATCH", `mismatched digest: expected ${digest}, got ${got}`);
      }
      await finishUpload(ctx, desc, loc);
      return;
    } catch (err) {
      if (!(err instanceof SessionLost)) throw err;
      if (restarts >= maxRestarts) {
        throw new OrasError("REGISTRY_ERROR", `${digest}: upload failed: ${err.message}`, { cause: err });
      }
      opts.onResume?.({ offset: 0, restart: true, reason: err.message });
      await wait(backoffDelay(restarts));
    } finally {
      await reader.close().catch(() => void 0);
      destroyQuiet(body);
    }
  }
}
async function monolithicUpload(ctx, desc, source, opts = {}) {
  const digest = parseDigest(desc.digest);
  const maxRestarts = source.reopenable ? opts.maxRestarts ?? 2 : 0;
  const wait = waiter(ctx, opts);
  for (let restarts = 0; ; restarts++) {
    const url = (await startSession(ctx)).location;
    url.searchParams.set("digest", digest);
    const body = await openAt0(source);
    let res;
    let failure;
    try {
      const req = ctx.request("PUT", url, new HeaderMap({ "content-type": MediaType.OctetStream }), {
        // A file stream's bytes go out through two reused buffers when it can lend them (each chunk is sent before the next is asked for).
        body: () => lentChunksOf(body) ?? body,
        contentLength: desc.size,
        replayable: false
      });
      res = await ctx.transport(req);
      if (res.status === 201) {
        discardBody2(res);
        return;
      }
      if (!isRetryableStatus(res.status) || restarts >= maxRestarts) throw await ctx.failure(req, res);
      discardBody2(res);
      failure = new OrasError("REGISTRY_ERROR", `PUT: status ${res.status}`);
    } catch (err) {
      if (res !== void 0 && failure === void 0) throw err;
      if (!isResumableError(err) || restarts >= maxRestarts) throw err;
      failure = err;
    } finally {
      destroyQuiet(body);
    }
    opts.onResume?.({ offset: 0, restart: true, reason: failure?.message ?? String(failure) });
    await wait(retryDelay(restarts, res));
  }
}
async function stagedUpload(ctx, size, open10, reopenable, opts = {}) {
  const maxResumes = reopenable ? opts.maxResumes ?? 5 : 0;
  const maxRestarts = reopenable ? opts.maxRestarts ?? 2 : 0;
  const wait = waiter(ctx, opts);
  for (let restarts = 0; ; restarts++) {
    let digester = new Digester("sha256");
    const r = await patchLoop(ctx, opts, wait, (await startSession(ctx)).location, 0, size, {
      maxResumes,
      patch: async (at, loc) => {
        const body = await open10(at);
        const d = digester;
        const hashed = () => {
          let n2 = at;
          return tapChunks(body, (chunk) => {
            n2 += chunk.byteLength;
            if (n2 > size) throw new OrasError("TRAILING_DATA", `trailing data: more than the expected ${size} bytes`);
            d.update(chunk);
          });
        };
        const headers = new HeaderMap({ "content-type": MediaType.OctetStream });
        if (at > 0) headers.set("content-range", `${at}-${size - 1}`);
        return { req: ctx.request("PATCH", loc, headers, { body: hashed, contentLength: size - at, replayable: false }), release: () => destroyQuiet(body) };
      },
      accepted: (req, res) => ({ next: size, location: ctx.location(req, res) }),
      // The registry has the bytes before `at`: hash them again (nothing is sent twice).
      resumed: async (at) => {
        digester = new Digester("sha256");
        if (at > 0) await hashPrefix2(open10, at, digester);
      }
    });
    if (r.failed === void 0) return { digest: digester.digest(), location: r.location };
    const reason = reasonOf(r.failed.failure);
    if (restarts >= maxRestarts) {
      const code = r.failed.res === void 0 ? "NETWORK_ERROR" : "REGISTRY_ERROR";
      const tries = restarts > 0 ? ` (after ${restarts} new upload session${restarts === 1 ? "" : "s"})` : "";
      throw new OrasError(code, `upload of ${size} bytes failed${tries}: ${reason}`, { cause: r.failed.failure });
    }
    await cancelUpload(ctx, r.location);
    opts.onResume?.({ offset: 0, restart: true, reason });
    await wait(backoffDelay(restarts));
  }
}
async function patchLoop(ctx, opts, wait, loc, from, to, steps) {
  let at = from;
  let resumes = 0;
  while (at < to) {
    const attempt = await steps.patch(at, loc);
    let res;
    let failure;
    try {
      res = await ctx.transport(attempt.req);
      if (res.status === 202) {
        discardBody2(res);
        ({ next: at, location: loc } = steps.accepted(attempt.req, res, at));
        continue;
      }
      if (!isRetryableStatus(res.status) && res.status !== 416) throw await ctx.failure(attempt.req, res);
      discardBody2(res);
      failure = new OrasError("REGISTRY_ERROR", `PATCH: status ${res.status}`);
    } catch (err) {
      if (res !== void 0 && failure === void 0) throw err;
      if (!isResumableError(err)) throw err;
      failure = err;
    } finally {
      attempt.release?.();
    }
    if (resumes >= steps.maxResumes) return { location: loc, failed: { failure, res, exhausted: true } };
    await wait(retryDelay(resumes, res));
    resumes++;
    const status = await uploadStatus(ctx, loc);
    if (status === void 0 || status.next < from || status.next > to) {
      return { location: loc, failed: { failure, res, exhausted: false, reported: status?.next } };
    }
    loc = status.location;
    at = status.next;
    opts.onResume?.({ offset: at, restart: false, reason: reasonOf(failure) });
    await steps.resumed?.(at);
  }
  return { location: loc };
}
function reasonOf(failure) {
  return failure instanceof Error ? failure.message : String(failure);
}
async function hashPrefix2(open10, n2, digester) {
  const body = await open10(0);
  let left = n2;
  try {
    for await (const chunk of body) {
      const take = Math.min(chunk.byteLength, left);
      digester.update(chunk.subarray(0, take));
      left -= take;
      if (left === 0) break;
    }
  } finally {
    destroyQuiet(body);
  }
  if (left > 0) throw new OrasError("UNEXPECTED_EOF", `unexpected EOF: the source ended ${left} bytes before the registry's offset ${n2}`);
}
async function uploadStatus(ctx, loc) {
  const req = ctx.request("GET", loc, new HeaderMap());
  let res;
  try {
    res = await ctx.transport(req);
  } catch (err) {
    if (isResumableError(err)) return void 0;
    throw err;
  }
  discardBody2(res);
  if (res.status !== 204 && res.status !== 200) return void 0;
  const range = res.headers.get("range");
  const next = range === null ? 0 : nextOffsetOf(range);
  if (next === void 0) return void 0;
  let location = loc;
  if (res.headers.has("location")) location = ctx.location(req, res);
  return { next: range === "0-0" ? 0 : next, location };
}
async function finishUpload(ctx, desc, loc) {
  const url = new URL(loc.href);
  url.searchParams.set("digest", desc.digest);
  const req = ctx.request("PUT", url, new HeaderMap({ "content-type": MediaType.OctetStream }), bytesBody(new Uint8Array(0)));
  const res = await ctx.transport(req);
  if (res.status === 201) {
    discardBody2(res);
    return;
  }
  if (res.status === 404 && await ctx.exists(desc)) {
    discardBody2(res);
    return;
  }
  throw await ctx.failure(req, res);
}
async function cancelUpload(ctx, loc) {
  try {
    const res = await ctx.transport(ctx.request("DELETE", loc, new HeaderMap()));
    discardBody2(res);
  } catch {
  }
}
var MIN_CHUNK_SIZE, SessionLost, ChunkReader;
var init_upload = __esm({
  "src/registry/upload.ts"() {
    "use strict";
    init_file_chunks();
    init_errors();
    init_digest();
    init_mediatypes();
    init_resume();
    init_retry();
    init_types();
    init_headers();
    MIN_CHUNK_SIZE = 1;
    SessionLost = class extends Error {
      name = "SessionLost";
    };
    ChunkReader = class {
      it;
      pending;
      done = false;
      buf;
      constructor(body, size) {
        this.it = body[Symbol.asyncIterator]();
        this.buf = Buffer.allocUnsafe(size);
      }
      /** The next chunk (a view valid until the next call), or undefined at the end. */
      async next() {
        let n2 = 0;
        while (n2 < this.buf.length) {
          if (this.pending === void 0) {
            if (this.done) break;
            const r = await this.it.next();
            if (r.done) {
              this.done = true;
              break;
            }
            this.pending = r.value;
          }
          const take = Math.min(this.pending.byteLength, this.buf.length - n2);
          this.buf.set(this.pending.subarray(0, take), n2);
          n2 += take;
          this.pending = take < this.pending.byteLength ? this.pending.subarray(take) : void 0;
        }
        return n2 === 0 ? void 0 : this.buf.subarray(0, n2);
      }
      async close() {
        await this.it.return?.();
      }
    };
  }
});

// src/registry/blob-store.ts
import { Readable as Readable11 } from "node:stream";
var BlobStore;
var init_blob_store = __esm({
  "src/registry/blob-store.ts"() {
    "use strict";
    init_errors();
    init_digest();
    init_mediatypes();
    init_reference();
    init_scope();
    init_endpoint();
    init_errors2();
    init_headers();
    init_resume();
    init_types();
    init_upload();
    BlobStore = class {
      ep;
      opts;
      /** Upload sessions already holding a blob's bytes (see `stageBlob`), by digest. */
      staged = /* @__PURE__ */ new Map();
      constructor(endpoint, opts = {}) {
        this.ep = endpoint;
        this.opts = opts;
      }
      async fetch(desc, opts) {
        return (await this.fetchFrom(desc, 0, opts)).body;
      }
      async exists(desc, opts) {
        const digest = parseDigest(desc.digest);
        const req = this.ep.request("HEAD", this.ep.url(`blobs/${digest}`), new HeaderMap(), [ACTION_PULL], opts);
        const res = await this.ep.client.transport(req);
        discardBody2(res);
        if (res.status === 200) {
          void this.dropStaged(digest, opts);
          return true;
        }
        if (res.status === 404) return false;
        throw await this.ep.failure(req, res);
      }
      /** Deletes the upload session `stageBlob` filled with `digest`'s bytes, if any (best effort, never fails). */
      async dropStaged(digest, opts) {
        const url = this.staged.get(digest);
        if (url === void 0) return;
        this.staged.delete(digest);
        try {
          discardBody2(await this.ep.client.transport(this.ep.request("DELETE", url, new HeaderMap(), [ACTION_PULL, ACTION_PUSH], opts)));
        } catch {
        }
      }
      /** HEADs a blob: `application/octet-stream`, its digest and size (NOT_FOUND when missing). */
      async resolve(digest, opts) {
        const d = parseDigest(digest);
        const req = this.ep.request("HEAD", this.ep.url(`blobs/${d}`), new HeaderMap(), [ACTION_PULL], opts);
        const res = await this.ep.client.transport(req);
        discardBody2(res);
        if (res.status === 404) throw this.ep.notFound(d, await responseError(req, res));
        if (res.status !== 200) throw await this.ep.failure(req, res);
        const size = contentLengthOf(res);
        if (size === void 0) throw new OrasError("REGISTRY_ERROR", `HEAD "${req.url.href}": missing Content-Length in the response`);
        return { mediaType: MediaType.OctetStream, digest: d, size };
      }
      async delete(desc, opts) {
        await this.ep.deleteContent("blobs", parseDigest(desc.digest), opts);
      }
      /**
       * A blob's bytes from `offset` (a `Range` request; `offset` 0 when the registry ignored
       * it and sent everything). Interrupted bodies are resumed with further range requests
       * unless `resume: false`; the stream fails when the byte count is off.
       */
      async fetchFrom(desc, offset, opts) {
        const digest = parseDigest(desc.digest);
        if (!Number.isSafeInteger(offset) || offset < 0 || offset > desc.size) {
          throw new OrasError("INVALID_ARGUMENT", `${digest}: invalid offset ${offset} for ${desc.size} bytes`);
        }
        const open10 = (at) => this.openBlob(desc, at, opts);
        const first = await open10(offset < desc.size ? offset : 0);
        const r = this.opts.resume === false ? { maxResumes: 0 } : this.opts.resume ?? {};
        const body = resumableBody(first, open10, {
          ...r,
          start: first.offset,
          size: desc.size,
          what: digest,
          signal: this.ep.signal(opts),
          onResume: (info) => {
            r.onResume?.(info);
            if (this.opts.debug) this.opts.logger?.debug(`resuming ${digest} at byte ${info.offset} (attempt ${info.attempt}): ${info.reason}`);
          }
        });
        return { body, offset: first.offset };
      }
      /** One blob GET from `offset` (`Range: bytes=<offset>-` when > 0), headers checked. */
      async openBlob(desc, offset, opts) {
        const digest = parseDigest(desc.digest);
        const headers = new HeaderMap();
        if (offset > 0) headers.set("range", rangeFrom(offset));
        const req = this.ep.request("GET", this.ep.url(`blobs/${digest}`), headers, [ACTION_PULL], opts);
        const res = await this.ep.client.transport(req);
        if (res.status === 404) throw this.ep.notFound(digest, await responseError(req, res));
        let start = 0;
        if (res.status === 206 && offset > 0) {
          const cr = parseContentRange(res.headers.get("content-range"));
          if (cr === void 0 || cr.first !== offset || cr.last !== desc.size - 1 || cr.total !== void 0 && cr.total !== desc.size) {
            res.body.destroy();
            throw new OrasError("REGISTRY_ERROR", `GET "${req.url.href}": unexpected Content-Range ${JSON.stringify(res.headers.get("content-range"))} for bytes ${offset}-${desc.size - 1}`);
          }
          start = offset;
        } else if (res.status !== 200) {
          throw await this.ep.failure(req, res);
        }
        const declared = contentLengthOf(res);
        if (declared !== void 0 && declared !== desc.size - start) {
          res.body.destroy();
          throw new OrasError("SIZE_MISMATCH", `GET "${req.url.href}": Content-Length ${declared} differs from the expected size ${desc.size - start}`);
        }
        const header = res.headers.get("docker-content-digest");
        if (header?.startsWith(`${algorithmOf(digest)}:`) && header !== digest) {
          res.body.destroy();
          throw new OrasError("DIGEST_MISMATCH", `GET "${req.url.href}": registry returned digest ${header} for ${digest}`);
        }
        return { body: res.body, offset: start };
      }
      /**
       * Uploads `body` (one PUT, or PATCH chunks). Each chunk is sent, or copied into the chunk buffer,
       * before the next is asked for, so `body` may lend its chunks (see `HttpRequest.body`).
       */
      async push(desc, body, opts) {
        parseDigest(desc.digest);
        if (await this.commitStaged(desc, opts)) {
          if (body instanceof Readable11) body.destroy();
          return;
        }
        await this.uploadBlob(desc, { open: async () => body, reopenable: false }, opts);
      }
      /**
       * Uploads a blob whose bytes `open` can produce again: a failed transfer is resumed
       * (chunked uploads, from the registry's offset) or restarted in a new session.
       */
      async pushFrom(desc, open10, opts) {
        if (await this.commitStaged(desc, opts)) return;
        await this.uploadBlob(desc, { open: open10, reopenable: true }, opts);
      }
      /** False when uploads go in PATCH chunks (`upload.chunkSize`): then nothing is staged (see `Stager`). */
      get stagingEnabled() {
        return !(this.opts.upload?.chunkSize !== void 0 && this.opts.upload.chunkSize > 0);
      }
      /**
       * One pass for digest and upload: streams `size` bytes into a new upload session (POST, then
       * one PATCH) while hashing them, and returns their digest. The bytes are committed by the
       * next push of that digest (an empty `PUT ?digest=`), so a source file is read once instead
       * of once to digest it and again to upload it. A session that is never committed expires
       * on the registry. Given an opener (`offset → bytes from there`) instead of a stream, a
       * failed transfer is resumed from the registry's offset or restarted in a new session
       * (`upload.maxResumes`, `upload.maxRestarts`; see `stagedUpload`).
       */
      async stageBlob(body, size, opts) {
        const reopenable = typeof body === "function";
        const open10 = reopenable ? body : () => body;
        const { digest, location } = await stagedUpload(this.uploadContext(opts), size, open10, reopenable, this.uploadOptions(`a blob of ${size} bytes`));
        this.staged.set(digest, location);
        return { digest, size };
      }
      /** Finishes a session `stageBlob` filled with this blob's bytes; false when there is none. */
      async commitStaged(desc, opts) {
        const url = this.staged.get(desc.digest);
        if (url === void 0) return false;
        this.staged.delete(desc.digest);
        url.searchParams.set("digest", desc.digest);
        const req = this.ep.request("PUT", url, new HeaderMap({ "content-type": MediaType.OctetStream }), [ACTION_PULL, ACTION_PUSH], opts, [], bytesBody(new Uint8Array(0)));
        const res = await this.ep.client.transport(req);
        if (res.status !== 201) throw await this.ep.failure(req, res);
        discardBody2(res);
        return true;
      }
      /** Mounts a blob from another repository of the registry; a plain upload of `getContent()` when the registry declines. */
      async mount(desc, fromRepository, getContent, opts) {
        const digest = parseDigest(desc.digest);
        if (!isValidRepository(fromRepository)) {
          throw new OrasError("INVALID_REFERENCE", `invalid reference: invalid repository ${JSON.stringify(fromRepository)}`);
        }
        const url = this.ep.url("blobs/uploads/");
        url.search = `mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`;
        const req = this.ep.request("POST", url, new HeaderMap(), [ACTION_PULL, ACTION_PUSH], opts, [repositoryScope(fromRepository, ACTION_PULL)]);
        const res = await this.ep.client.transport(req);
        if (res.status === 201) {
          discardBody2(res);
          return;
        }
        if (res.status !== 202) throw await this.ep.failure(req, res);
        discardBody2(res);
        await this.completeUpload(req, res, desc, await getContent(), opts);
      }
      /** The repository's upload options, with `--debug` logging of resumes and restarts of `what`. */
      uploadOptions(what) {
        const u = this.opts.upload ?? {};
        const logger = this.opts.logger;
        return {
          ...u,
          onResume: (info) => {
            u.onResume?.(info);
            if (this.opts.debug) logger?.debug(`upload of ${what} ${info.restart ? "restarts" : `resumes at byte ${info.offset}`}: ${info.reason}`);
          }
        };
      }
      uploadContext(opts) {
        return {
          transport: this.ep.client.transport,
          startURL: this.ep.url("blobs/uploads/"),
          request: (method, url, headers, body) => this.ep.request(method, url, headers, [ACTION_PULL, ACTION_PUSH], opts, [], body),
          location: (post, res) => this.uploadLocation(post, res),
          failure: (req, res) => this.ep.failure(req, res),
          exists: (d) => this.exists(d, opts),
          signal: this.ep.signal(opts)
        };
      }
      async uploadBlob(desc, source, opts) {
        const u = this.opts.upload ?? {};
        const o = this.uploadOptions(desc.digest);
        const ctx = this.uploadContext(opts);
        if (u.chunkSize !== void 0 && u.chunkSize > 0) await chunkedUpload(ctx, desc, source, { ...o, chunkSize: u.chunkSize });
        else await monolithicUpload(ctx, desc, source, o);
      }
      /** The single `PUT <Location>?digest=<d>` that finishes an upload session with the whole body. */
      async completeUpload(post, postRes, desc, body, opts) {
        const url = this.uploadLocation(post, postRes);
        url.searchParams.set("digest", desc.digest);
        const headers = new HeaderMap({ "content-type": MediaType.OctetStream });
        const req = this.ep.request("PUT", url, headers, [ACTION_PULL, ACTION_PUSH], opts, [], {
          body: () => body,
          contentLength: desc.size,
          replayable: false
        });
        const res = await this.ep.client.transport(req);
        if (res.status !== 201) throw await this.ep.failure(req, res);
        discardBody2(res);
      }
      /** `Location` of an upload: same host and port as the POST, never downgraded from https. */
      uploadLocation(post, res) {
        const loc = res.headers.get("location");
        if (loc === null || loc === "") throw new OrasError("REGISTRY_ERROR", `POST "${post.url.href}": upload response without a Location`);
        let url;
        try {
          url = new URL(loc, post.url);
        } catch (err) {
          throw new OrasError("REGISTRY_ERROR", `POST "${post.url.href}": invalid upload Location`, { cause: err });
        }
        const port = (u) => u.port || (u.protocol === "https:" ? "443" : "80");
        if (url.protocol !== "http:" && url.protocol !== "https:") {
          throw new OrasError("REGISTRY_ERROR", `POST "${post.url.href}": upload Location has scheme ${url.protocol}`);
        }
        if (post.url.protocol === "https:" && url.protocol === "http:") {
          throw new OrasError("REGISTRY_ERROR", `POST "${post.url.href}": refusing upload Location that downgrades to http`);
        }
        if (url.hostname !== post.url.hostname || port(url) !== port(post.url)) {
          throw new OrasError("REGISTRY_ERROR", `POST "${post.url.href}": refusing upload Location on another host (${url.host})`);
        }
        return url;
      }
    };
  }
});

// src/registry/manifest-store.ts
var ManifestStore;
var init_manifest_store = __esm({
  "src/registry/manifest-store.ts"() {
    "use strict";
    init_verify();
    init_errors();
    init_digest();
    init_mediatypes();
    init_scope();
    init_endpoint();
    init_errors2();
    init_referrers();
    init_body();
    init_headers();
    init_types();
    ManifestStore = class {
      ep;
      mediaTypes;
      maxMetadataBytes;
      upkeep;
      constructor(endpoint, opts) {
        this.ep = endpoint;
        this.mediaTypes = opts.mediaTypes;
        this.maxMetadataBytes = opts.maxMetadataBytes;
        this.upkeep = opts.referrers;
      }
      async fetch(desc, opts) {
        const digest = parseDigest(desc.digest);
        if (desc.size > this.maxMetadataBytes) {
          throw new OrasError("SIZE_EXCEEDS_LIMIT", `${this.ep.display(digest)}: content size ${desc.size} exceeds the limit of ${this.maxMetadataBytes} bytes`);
        }
        const req = this.ep.request("GET", this.ep.url(`manifests/${digest}`), this.ep.acceptHeaders([desc.mediaType]), [ACTION_PULL], opts);
        const res = await this.ep.client.transport(req);
        if (res.status === 404) throw this.ep.notFound(digest, await responseError(req, res));
        if (res.status !== 200) throw await this.ep.failure(req, res);
        const mediaType = mediaTypeOf(res);
        if (mediaType !== desc.mediaType) {
          res.body.destroy();
          throw new OrasError("REGISTRY_ERROR", `GET "${req.url.href}": mismatched media type: expected ${desc.mediaType}, got ${mediaType ?? "none"}`);
        }
        const declared = contentLengthOf(res);
        if (declared !== void 0 && declared !== desc.size) {
          res.body.destroy();
          throw new OrasError("SIZE_MISMATCH", `GET "${req.url.href}": Content-Length ${declared} differs from the expected size ${desc.size}`);
        }
        return bufferedBody(await readSmallBody(res.body, this.maxMetadataBytes, `manifest ${this.ep.display(digest)}`), desc);
      }
      async exists(desc, opts) {
        const digest = parseDigest(desc.digest);
        const req = this.ep.request("HEAD", this.ep.url(`manifests/${digest}`), this.ep.acceptHeaders([desc.mediaType]), [ACTION_PULL], opts);
        const res = await this.ep.client.transport(req);
        discardBody2(res);
        if (res.status === 200) return true;
        if (res.status === 404) return false;
        throw await this.ep.failure(req, res);
      }
      async push(desc, body, opts) {
        await this.pushIndexed(desc, body, parseDigest(desc.digest), opts);
      }
      async pushReference(desc, body, reference, opts) {
        const ref = this.ep.parseRef(reference);
        await this.pushIndexed(desc, body, ref.value, opts);
      }
      async resolve(reference, opts) {
        const ref = this.ep.parseRef(reference);
        const req = this.ep.request("HEAD", this.ep.url(`manifests/${ref.value}`), this.ep.acceptHeaders(this.mediaTypes), [ACTION_PULL], opts);
        const res = await this.ep.client.transport(req);
        discardBody2(res);
        if (res.status === 404) throw this.ep.notFound(ref.value, await responseError(req, res));
        if (res.status !== 200) throw await this.ep.failure(req, res);
        const mediaType = mediaTypeOf(res);
        const size = contentLengthOf(res);
        const header = res.headers.get("docker-content-digest");
        if (mediaType === void 0 || size === void 0) {
          throw new OrasError("REGISTRY_ERROR", `HEAD "${req.url.href}": missing Content-Type or Content-Length in the response`);
        }
        let digest;
        if (ref.kind === "digest") {
          if (header !== null && header !== ref.value) {
            throw new OrasError("DIGEST_MISMATCH", `HEAD "${req.url.href}": registry returned digest ${header} for ${ref.value}`);
          }
          digest = ref.value;
        } else if (header !== null) {
          digest = this.ep.headerDigest(header, req);
        } else {
          const { desc, body } = await this.fetchReference(ref.value, opts);
          body.destroy();
          return desc;
        }
        return { mediaType, digest, size };
      }
      async fetchReference(reference, opts) {
        const ref = this.ep.parseRef(reference);
        const req = this.ep.request("GET", this.ep.url(`manifests/${ref.value}`), this.ep.acceptHeaders(this.mediaTypes), [ACTION_PULL], opts);
        const res = await this.ep.client.transport(req);
        if (res.status === 404) throw this.ep.notFound(ref.value, await responseError(req, res));
        if (res.status !== 200) throw await this.ep.failure(req, res);
        const mediaType = mediaTypeOf(res);
        if (mediaType === void 0) {
          res.body.destroy();
          throw new OrasError("REGISTRY_ERROR", `GET "${req.url.href}": missing Content-Type in the response`);
        }
        if (!this.isManifest(mediaType)) {
          res.body.destroy();
          throw new OrasError("REGISTRY_ERROR", `GET "${req.url.href}": unexpected media type ${JSON.stringify(mediaType)} for a manifest`);
        }
        const declared = contentLengthOf(res);
        if (declared !== void 0 && declared > this.maxMetadataBytes) {
          res.body.destroy();
          throw new OrasError("SIZE_EXCEEDS_LIMIT", `${this.ep.display(ref.value)}: content size ${declared} exceeds the limit of ${this.maxMetadataBytes} bytes`);
        }
        const header = res.headers.get("docker-content-digest");
        const expected = ref.kind === "digest" ? ref.value : header !== null ? this.ep.headerDigest(header, req, res) : void 0;
        if (ref.kind === "digest" && header !== null && header !== ref.value) {
          res.body.destroy();
          throw new OrasError("DIGEST_MISMATCH", `GET "${req.url.href}": registry returned digest ${header} for ${ref.value}`);
        }
        const raw = await readSmallBody(res.body, this.maxMetadataBytes, `manifest ${this.ep.display(ref.value)}`);
        if (declared !== void 0 && declared !== raw.length) {
          throw new OrasError("SIZE_MISMATCH", `GET "${req.url.href}": Content-Length ${declared} but got ${raw.length} bytes`);
        }
        const got = digestOf(raw, expected ? algorithmOf(expected) : "sha256");
        if (expected !== void 0 && got !== expected) {
          throw new OrasError("DIGEST_MISMATCH", `mismatched digest: expected ${expected}, got ${got}`);
        }
        return { desc: { mediaType, digest: got, size: raw.length }, body: bufferedBody(raw) };
      }
      /** Tags a manifest the repository has: fetched and PUT again under `reference`. */
      async tag(desc, reference, opts) {
        const ref = this.ep.parseRef(reference);
        const body = await this.fetch(desc, opts);
        await this.put(desc, body, ref.value, opts);
      }
      async delete(desc, opts) {
        if (canHaveSubject(desc.mediaType) && !this.upkeep.apiSupported()) {
          const raw = await readAllVerified(await this.fetch(desc, opts), desc, this.maxMetadataBytes);
          await this.deleteWithoutIndexing(desc, opts);
          await this.upkeep.afterDelete(desc, raw, opts);
          return;
        }
        await this.deleteWithoutIndexing(desc, opts);
      }
      /** Deletes by digest without touching a referrers index (the index upkeep itself uses it). */
      async deleteWithoutIndexing(desc, opts) {
        await this.ep.deleteContent("manifests", parseDigest(desc.digest), opts);
      }
      /** PUTs manifest bytes under a tag or digest without referrers-index upkeep (the upkeep itself uses it). */
      async pushWithoutIndexing(desc, bytes, reference, opts) {
        await this.put(desc, [bytes], this.ep.parseRef(reference).value, opts);
      }
      isManifest(mediaType) {
        return this.mediaTypes.includes(mediaType) || MANIFEST_MEDIA_TYPES.includes(mediaType);
      }
      /** Manifest PUT with referrers upkeep: a subject without `OCI-Subject` in the reply goes into the tag-schema index. */
      async pushIndexed(desc, body, reference, opts) {
        if (!canHaveSubject(desc.mediaType) || this.upkeep.apiSupported()) {
          await this.put(desc, body, reference, opts);
          return;
        }
        const raw = await readAllVerified(body, desc, this.maxMetadataBytes);
        await this.put(desc, [raw], reference, opts);
        if (this.upkeep.apiSupported()) return;
        await this.upkeep.afterPush(desc, raw, opts);
      }
      async put(desc, body, reference, opts) {
        const digest = parseDigest(desc.digest);
        const raw = await readAllVerified(body, desc, this.maxMetadataBytes);
        const headers = new HeaderMap({ "content-type": desc.mediaType });
        const req = this.ep.request("PUT", this.ep.url(`manifests/${reference}`), headers, [ACTION_PULL, ACTION_PUSH], opts, [], bytesBody(raw));
        const res = await this.ep.client.transport(req);
        if (res.status !== 201) throw await this.ep.failure(req, res);
        discardBody2(res);
        const got = res.headers.get("docker-content-digest");
        if (got !== null && got !== digest) {
          throw new OrasError("DIGEST_MISMATCH", `PUT "${req.url.href}": registry stored digest ${got}, expected ${digest}`);
        }
        if (res.headers.has("oci-subject")) this.upkeep.markSupported();
      }
    };
  }
});

// src/registry/repository.ts
function createRepository(reference, options = {}) {
  const ref = typeof reference === "string" ? parseReference(reference) : reference;
  return new Repository(ref, options);
}
var Repository;
var init_repository = __esm({
  "src/registry/repository.ts"() {
    "use strict";
    init_errors();
    init_manifest();
    init_mediatypes();
    init_reference();
    init_scope();
    init_blob_store();
    init_client2();
    init_endpoint();
    init_list();
    init_manifest_store();
    init_referrers();
    init_headers();
    Repository = class _Repository {
      client;
      /** The registry as named (`localhost:5000`). */
      registry;
      /** The repository path (`library/alpine`). */
      name;
      manifestMediaTypes;
      tagListPageSize;
      maxMetadataBytes;
      /** Bounds on tag and referrers listings (`RemoteOptions.listLimits`). */
      listLimits;
      opts;
      endpoint;
      blobStore;
      manifestStore;
      /** Whether the registry serves the referrers API; the first definite answer sticks. */
      refState;
      /** The referrers ping in flight (one at a time per repository). */
      pinging;
      /** Tag-schema index updates queued per referrers tag, so concurrent attaches merge. */
      indexUpdates = /* @__PURE__ */ new Map();
      constructor(ref, opts = {}) {
        if (!isValidRepository(ref.repository)) {
          throw new OrasError("INVALID_REFERENCE", `invalid reference: invalid repository ${JSON.stringify(ref.repository)}`);
        }
        this.opts = opts;
        this.client = opts.client ?? createRemoteClient(ref.registry, opts);
        this.registry = ref.registry;
        this.name = ref.repository;
        this.manifestMediaTypes = opts.manifestMediaTypes && opts.manifestMediaTypes.length > 0 ? [...opts.manifestMediaTypes] : MANIFEST_MEDIA_TYPES;
        this.tagListPageSize = opts.tagListPageSize;
        this.maxMetadataBytes = opts.maxMetadataBytes ?? MAX_MANIFEST_BYTES;
        this.listLimits = opts.listLimits;
        this.refState = opts.referrersState ?? "unknown";
        this.endpoint = new RepositoryEndpoint(this.client, this.registry, this.name, opts.scopeActions ?? []);
        this.blobStore = new BlobStore(this.endpoint, { resume: opts.resume, upload: opts.upload, logger: opts.logger, debug: opts.debug });
        this.manifestStore = new ManifestStore(this.endpoint, {
          mediaTypes: this.manifestMediaTypes,
          maxMetadataBytes: this.maxMetadataBytes,
          referrers: {
            apiSupported: () => this.refState === "supported",
            markSupported: () => this.recordReferrersState("supported"),
            afterPush: (desc, raw, o) => indexReferrersForPush(this.referrersContext(o), desc, raw),
            afterDelete: (desc, raw, o) => indexReferrersForDelete(this.referrersContext(o), desc, raw)
          }
        });
      }
      /** `registry/repository` */
      toString() {
        return `${this.registry}/${this.name}`;
      }
      get referrersState() {
        return this.refState;
      }
      /** The blob half: `/v2/<name>/blobs/…` (any media type is stored as a blob). */
      blobs() {
        return this.blobStore;
      }
      /** The manifest half: `/v2/<name>/manifests/…`. */
      manifests() {
        return this.manifestStore;
      }
      /** Another repository on the same registry sharing this one's connections and tokens. */
      sibling(name) {
        return new _Repository({ registry: this.registry, repository: name }, { ...this.opts, client: this.client });
      }
      /** True when `mediaType` goes to the manifest endpoints. */
      isManifest(mediaType) {
        return this.manifestMediaTypes.includes(mediaType) || MANIFEST_MEDIA_TYPES.includes(mediaType);
      }
      /** The half of the repository that stores `desc`. */
      storeFor(desc) {
        return this.isManifest(desc.mediaType) ? this.manifestStore : this.blobStore;
      }
      // ---- Target ---------------------------------------------------------------------------
      async fetch(desc, opts) {
        return this.storeFor(desc).fetch(desc, opts);
      }
      async exists(desc, opts) {
        return this.storeFor(desc).exists(desc, opts);
      }
      async push(desc, body, opts) {
        await this.storeFor(desc).push(desc, body, opts);
      }
      async resolve(reference, opts) {
        return this.manifestStore.resolve(reference, opts);
      }
      async tag(desc, reference, opts) {
        this.endpoint.parseRef(reference);
        if (!this.isManifest(desc.mediaType)) {
          throw new OrasError("UNSUPPORTED", `cannot tag ${desc.digest}: ${desc.mediaType} is not a manifest media type`);
        }
        await this.manifestStore.tag(desc, reference, opts);
      }
      // ---- Deleter ---------------------------------------------------------------------------
      async delete(desc, opts) {
        await this.storeFor(desc).delete(desc, opts);
      }
      // ---- ReferenceFetcher / ReferencePusher -------------------------------------------------
      async fetchReference(reference, opts) {
        return this.manifestStore.fetchReference(reference, opts);
      }
      async pushReference(desc, body, reference, opts) {
        await this.manifestStore.pushReference(desc, body, reference, opts);
      }
      // ---- Referrers ---------------------------------------------------------------------------
      /** Referrers of a manifest: the referrers API, or the tag schema where the registry lacks it. */
      async referrers(desc, opts) {
        return listReferrers(this.referrersContext(opts), desc, opts);
      }
      /** Whether the registry serves the referrers API (pings once when unknown). */
      async pingReferrers(opts) {
        return pingReferrers(this.referrersContext(opts));
      }
      /** Records whether the referrers API works; like oras-go, the first definite answer sticks. */
      recordReferrersState(state) {
        if (this.refState === "unknown") this.refState = state;
      }
      /** What the referrers code may use of this repository for one operation (its signal in `opts`). */
      referrersContext(opts) {
        const o = { signal: opts?.signal };
        const ep = this.endpoint;
        return {
          repository: String(this),
          transport: this.client.transport,
          referrersRequest: (digest, artifactType) => {
            const url = ep.url(`referrers/${digest}`);
            if (artifactType) url.searchParams.set("artifactType", artifactType);
            const signal = ep.signal(o);
            return {
              method: "GET",
              url,
              headers: new HeaderMap({ accept: MediaType.ImageIndex }),
              scopes: [repositoryScope(this.name, ACTION_PULL)],
              ...signal ? { signal } : {}
            };
          },
          maxMetadataBytes: this.maxMetadataBytes,
          listLimits: this.listLimits,
          skipGC: this.opts.skipReferrersGC === true,
          state: () => this.refState,
          setState: (state) => this.recordReferrersState(state),
          pingOnce: async (ping) => {
            if (this.pinging) return this.pinging;
            const p = ping();
            this.pinging = p;
            try {
              return await p;
            } finally {
              if (this.pinging === p) this.pinging = void 0;
            }
          },
          serialize: async (tag2, update) => {
            const prev = this.indexUpdates.get(tag2) ?? Promise.resolve();
            const next = prev.catch(() => void 0).then(update);
            this.indexUpdates.set(tag2, next);
            try {
              await next;
            } finally {
              if (this.indexUpdates.get(tag2) === next) this.indexUpdates.delete(tag2);
            }
          },
          fetchReference: (reference) => this.manifestStore.fetchReference(reference, o),
          pushIndex: (desc, bytes, tag2) => this.manifestStore.pushWithoutIndexing(desc, bytes, tag2, o),
          deleteManifest: (desc) => this.manifestStore.deleteWithoutIndexing(desc, o)
        };
      }
      // ---- blobs -------------------------------------------------------------------------------
      /** HEADs a blob: `application/octet-stream`, its digest and size (NOT_FOUND when missing). */
      async resolveBlob(digest, opts) {
        return this.blobStore.resolve(digest, opts);
      }
      /** A blob's bytes from `offset` (see `BlobStore.fetchFrom`). */
      async fetchFrom(desc, offset, opts) {
        return this.blobStore.fetchFrom(desc, offset, opts);
      }
      /**
       * Uploads content whose bytes `open` can produce again (see `BlobStore.pushFrom`); a
       * manifest is read once and pushed.
       */
      async pushFrom(desc, open10, opts) {
        if (this.isManifest(desc.mediaType)) {
          const { body } = await open10(0);
          await this.push(desc, body, opts);
          return;
        }
        await this.blobStore.pushFrom(desc, open10, opts);
      }
      /** Whether `stageBlob` is used by pushes (not with chunked uploads). */
      get stagingEnabled() {
        return this.blobStore.stagingEnabled;
      }
      /** Hashes bytes while uploading them, committed by the next push of their digest (see `BlobStore.stageBlob`). */
      async stageBlob(body, size, opts) {
        return this.blobStore.stageBlob(body, size, opts);
      }
      /** `Location` of an upload: same host and port as the POST, never downgraded from https. */
      uploadLocation(post, res) {
        return this.blobStore.uploadLocation(post, res);
      }
      // ---- Mounter ---------------------------------------------------------------------------
      async mount(desc, fromRepository, getContent, opts) {
        await this.blobStore.mount(desc, fromRepository, getContent ?? (() => this.sibling(fromRepository).fetch(desc, opts)), opts);
      }
      // ---- TagLister -------------------------------------------------------------------------
      tags(opts) {
        const url = this.url("tags/list");
        if (this.tagListPageSize !== void 0) url.searchParams.set("n", String(this.tagListPageSize));
        if (opts?.last) url.searchParams.set("last", opts.last);
        return listPages({
          transport: this.client.transport,
          first: url,
          field: "tags",
          scopes: [repositoryScope(this.name, ACTION_PULL, ...this.opts.scopeActions ?? [])],
          signal: this.endpoint.signal(opts),
          onNotFound: (cause) => new OrasError("NOT_FOUND", `${this}: repository not found`, { cause }),
          hint: (status) => this.endpoint.hintFor(status),
          what: `tags of ${this}`,
          ...this.listLimits ? { limits: this.listLimits } : {}
        });
      }
      /** `scheme://host/v2/<repo>/<path>` */
      url(path) {
        return this.endpoint.url(path);
      }
    };
  }
});

// src/registry/registry.ts
var Registry;
var init_registry = __esm({
  "src/registry/registry.ts"() {
    "use strict";
    init_errors();
    init_reference();
    init_scope();
    init_client2();
    init_errors2();
    init_list();
    init_repository();
    init_types();
    init_headers();
    Registry = class {
      name;
      client;
      opts;
      constructor(name, opts = {}) {
        if (!isValidRegistry(name)) throw new OrasError("INVALID_REFERENCE", `invalid reference: invalid registry ${JSON.stringify(name)}`);
        this.name = name;
        this.opts = opts;
        this.client = opts.client ?? createRemoteClient(name, opts);
      }
      toString() {
        return this.name;
      }
      /** Checks that the host speaks the distribution API (and that the credentials work). */
      async ping(opts) {
        const signal = combineSignals(this.client.signal, opts?.signal);
        const req = { method: "GET", url: new URL(`${this.client.origin}/v2/`), headers: new HeaderMap(), ...signal ? { signal } : {} };
        const res = await this.client.transport(req);
        if (res.status === 200) {
          discardBody2(res);
          return;
        }
        if (res.status === 404) {
          throw new OrasError("NOT_FOUND", `${this.name}: not a registry (GET /v2/ returned 404)`, { cause: await responseError(req, res) });
        }
        throw await responseError(req, res, res.status === 401 ? { hint: `check the credentials for ${this.name}` } : void 0);
      }
      /** Repository names in server order; `last` continues after that name. */
      repositories(opts) {
        const url = new URL(`${this.client.origin}/v2/_catalog`);
        if (this.opts.catalogPageSize !== void 0) url.searchParams.set("n", String(this.opts.catalogPageSize));
        if (opts?.last) url.searchParams.set("last", opts.last);
        return listPages({
          transport: this.client.transport,
          first: url,
          field: "repositories",
          scopes: [CATALOG_SCOPE],
          signal: combineSignals(this.client.signal, opts?.signal),
          hint: (status) => status === 401 || status === 403 ? `listing repositories needs catalog access on ${this.name}` : void 0,
          what: `repositories of ${this.name}`,
          ...this.opts.listLimits ? { limits: this.opts.listLimits } : {}
        });
      }
      /** A repository on this registry sharing its client (options other than the client may be given per repository). */
      repository(name, opts = {}) {
        return new Repository({ registry: this.name, repository: name }, { ...this.opts, ...opts, client: this.client });
      }
      /** Closes idle sockets. */
      close() {
        this.client.close();
      }
    };
  }
});

// src/registry/index.ts
var init_registry2 = __esm({
  "src/registry/index.ts"() {
    "use strict";
    init_challenge();
    init_client();
    init_credential();
    init_scope();
    init_client2();
    init_errors2();
    init_link();
    init_list();
    init_referrers();
    init_registry();
    init_repository();
    init_middleware();
    init_node();
    init_options();
    init_retry();
    init_types();
    init_proxy();
    init_headers();
    init_errors2();
  }
});

// src/api/target.ts
import { resolve as resolvePath } from "node:path";
function parseTargetReference(raw, layout = false) {
  let rest;
  if (raw.startsWith(`${LAYOUT_PREFIX}//`)) rest = raw.slice(LAYOUT_PREFIX.length + 2);
  else if (raw.startsWith(LAYOUT_PREFIX)) rest = raw.slice(LAYOUT_PREFIX.length);
  else if (layout) rest = raw;
  if (rest !== void 0) {
    const { path, reference } = parseLayoutReference(rest);
    return { kind: "oci-layout", raw, reference, name: path, path };
  }
  const ref = parseReference(raw);
  return { kind: "registry", raw, reference: ref.reference, name: repositoryPath(ref), ref };
}
function canonicalReference(t, digest) {
  return t.kind === "oci-layout" ? `${LAYOUT_PREFIX}${t.path}@${digest}` : `${t.name}@${digest}`;
}
function credentialStoreOf(source) {
  if (source === false) return void 0;
  if (source !== void 0 && typeof source.get === "function") return source;
  const opts = source ?? {};
  return createCredentialStore({ env: process.env, ...opts });
}
function credentialFor(opts, registry) {
  const c = opts.credential;
  if (typeof c === "function") return c;
  if (c !== void 0) return staticCredential(c, registry);
  const store = credentialStoreOf(opts.credentials);
  return store ? credentialFuncFromStore(store) : void 0;
}
function repositoryOptions(opts, registry, extra = {}) {
  const out = {};
  for (const [k, v] of Object.entries(opts)) if (!OWN_KEYS.has(k) && v !== void 0) out[k] = v;
  const credential = credentialFor(opts, registry);
  if (credential !== void 0) out.credential = credential;
  if (opts.signal) out.signal = opts.signal;
  return { ...out, ...extra };
}
async function openTarget(parsed, opts, mode, extra = {}) {
  const cwd = opts.cwd ?? process.cwd();
  if (parsed.kind === "oci-layout") {
    const path = resolvePath(cwd, parsed.path);
    const target3 = mode === "read" ? await openOciLayout(path, { readOnly: true }) : await openOciLayout(path);
    return { target: target3, parsed, repository: void 0, close: () => {
    } };
  }
  const scopeActions = mode === "read" ? ["pull"] : ["pull", "push"];
  const repo = createRepository(parsed.ref, repositoryOptions(opts, parsed.ref.registry, { scopeActions, ...extra }));
  let target2 = repo;
  if (mode === "read" && opts.readCache) {
    try {
      target2 = withReadCache(repo, await OciLayoutStore.open(resolvePath(cwd, opts.readCache)));
    } catch (err) {
      repo.client.close();
      throw err;
    }
  }
  return { target: target2, parsed, repository: repo, close: () => repo.client.close() };
}
async function useTarget(input2, opts, mode, extra) {
  if (typeof input2 !== "string" && "parsed" in input2) return { ...input2, close: () => {
  } };
  return openTarget(parsedInput(input2, opts), opts, mode, extra);
}
function parsedInput(input2, opts) {
  if (typeof input2 === "string") return parseTargetReference(input2, opts.layout === true);
  return "parsed" in input2 ? input2.parsed : input2;
}
async function withTarget(input2, opts, mode, fn, extra) {
  const opened = await useTarget(input2, opts, mode, extra);
  try {
    return await fn(opened);
  } finally {
    opened.close();
  }
}
function requireReference(t, what) {
  if (t.reference === "") {
    throw new OrasError("INVALID_REFERENCE", `invalid reference: no tag or digest in ${JSON.stringify(t.raw)} (${what} needs one)`, {
      hint: `e.g. ${t.raw}:latest`
    });
  }
  return t.reference;
}
function opOptions(opts) {
  return { signal: opts.signal };
}
var LAYOUT_PREFIX, OWN_KEYS;
var init_target = __esm({
  "src/api/target.ts"() {
    "use strict";
    init_oci_layout();
    init_read_cache();
    init_errors();
    init_reference();
    init_credentials();
    init_registry2();
    LAYOUT_PREFIX = "oci-layout:";
    OWN_KEYS = /* @__PURE__ */ new Set(["layout", "credential", "credentials", "signal", "cwd", "readCache"]);
  }
});

// src/api/push.ts
import { isAbsolute as isAbsolute2, normalize as normalize2, resolve as resolvePath2 } from "node:path";
import { Readable as Readable12 } from "node:stream";
function parsePushFile(raw) {
  const i = raw.lastIndexOf(":");
  if (i < 0 || i === 1 && /^[A-Za-z]:[\\/]/.test(raw) && raw.indexOf(":", 2) < 0) return { path: raw };
  const path = raw.slice(0, i);
  if (path === "") throw new OrasError("INVALID_ARGUMENT", `found empty file path in ${JSON.stringify(raw)}`);
  const mediaType = raw.slice(i + 1);
  return mediaType === "" ? { path } : { path, mediaType };
}
function titleFor(spec) {
  if (spec.name !== void 0 && spec.name !== "") return spec.name;
  let name = normalize2(spec.path);
  if (name.length > 1) name = name.replace(/[\\/]+$/, "");
  return isAbsolute2(name) ? name : name.split("\\").join("/");
}
async function push(ref, files, opts = {}) {
  const spec = choosePushSpec({
    imageSpec: opts.imageSpec,
    hasConfig: opts.config !== void 0,
    hasArtifactPlatform: opts.artifactPlatform !== void 0,
    artifactType: opts.artifactType
  });
  const configFile = typeof opts.config === "string" ? parsePushFile(opts.config) : opts.config;
  const platform2 = typeof opts.artifactPlatform === "string" ? parseHostPlatform(opts.artifactPlatform) : opts.artifactPlatform;
  const cwd = resolvePath2(opts.cwd ?? process.cwd());
  const o = opOptions(opts);
  const now = opts.now ?? (opts.sourceDateEpoch ? () => opts.sourceDateEpoch : void 0);
  const store = new FileStore({
    workingDir: cwd,
    ...opts.sourceDateEpoch ? { sourceDateEpoch: opts.sourceDateEpoch } : {},
    ...opts.syncSmallFiles ? { syncSmallFiles: true } : {}
  });
  try {
    const opened = await useTarget(ref, opts, "write");
    try {
      const parsed = opened.parsed;
      let config;
      if (configFile) {
        const added = await store.add("$config", configFile.mediaType || MediaType.UnknownConfig, resolvePath2(cwd, configFile.path), o);
        const annotations = opts.configAnnotations ?? configFile.annotations;
        config = { mediaType: added.mediaType, digest: added.digest, size: added.size, ...annotations ? { annotations } : {} };
      } else if (platform2) {
        const bytes = Buffer.from(encodePlatform(platform2));
        const desc = descriptorFromBytes(MediaType.ImageConfig, bytes);
        await store.push(desc, Readable12.from([bytes]), o);
        config = { ...desc, ...opts.configAnnotations ? { annotations: opts.configAnnotations } : {} };
      }
      const layers = await addFiles(store, files, cwd, stagingDigestHook(opened.target, opts), opts);
      opts.onPrepared?.({ layers, config });
      if (opts.subject !== void 0 && spec.version !== "v1.1") throw new OrasError("INVALID_ARGUMENT", "a subject needs image spec v1.1");
      const subject = opts.subject !== void 0 ? await opened.target.resolve(opts.subject, o) : void 0;
      const { root, manifestBytes } = await pushArtifact(
        store,
        {
          version: spec.version,
          ...spec.artifactType ? { artifactType: spec.artifactType } : {},
          layers,
          ...config ? { config } : {},
          ...opts.configAnnotations ? { configAnnotations: opts.configAnnotations } : {},
          ...opts.annotations ? { annotations: opts.annotations } : {},
          ...subject ? { subject } : {},
          ...now ? { now } : {}
        },
        opened.target,
        parsed.reference || void 0,
        {
          ...o,
          concurrency: opts.concurrency ?? 5,
          ...copyProgressHooks(opts, opts.hooks),
          ...opts.tags && opts.tags.length > 0 ? { extraTags: opts.tags } : {},
          ...opts.onTagged ? { onTagged: opts.onTagged } : {}
        }
      );
      const tags2 = [...parsed.reference !== "" && parsed.reference !== root.digest && !parsed.reference.includes(":") ? [parsed.reference] : [], ...opts.tags ?? []];
      return {
        digest: root.digest,
        mediaType: root.mediaType,
        size: root.size,
        artifactType: root.artifactType,
        reference: canonicalReference(parsed, root.digest),
        tags: tags2,
        descriptor: root,
        manifest: manifestBytes,
        layers
      };
    } finally {
      opened.close();
    }
  } finally {
    await store.close();
  }
}
async function addFiles(store, files, cwd, digestWith, opts) {
  const seen = /* @__PURE__ */ new Set();
  const add = async (f2) => {
    const s2 = typeof f2 === "string" ? parsePushFile(f2) : f2;
    const name = titleFor(s2);
    if (seen.has(name)) throw new OrasError("DUPLICATE_NAME", `${name}: duplicate name`);
    seen.add(name);
    opts.onFileStart?.(name);
    const desc = await store.add(name, s2.mediaType ?? "", resolvePath2(cwd, s2.path), { signal: opts.signal, ...digestWith ? { digestWith } : {} });
    return s2.annotations ? { ...desc, annotations: { ...desc.annotations, ...s2.annotations } } : desc;
  };
  const limiter = new Limiter(digestWith ? Math.max(1, opts.concurrency ?? 5) : 1);
  return Promise.all(files.map((f2) => limiter.run(() => add(f2), opts.signal)));
}
var init_push2 = __esm({
  "src/api/push.ts"() {
    "use strict";
    init_file();
    init_errors();
    init_limiter();
    init_pack2();
    init_push();
    init_descriptor();
    init_json();
    init_mediatypes();
    init_platform();
    init_progress2();
    init_target();
  }
});

// src/cli/options/packer.ts
import { readFile as readFile3, writeFile as writeFile2 } from "node:fs/promises";
import { isAbsolute as isAbsolute3, resolve as resolvePath3 } from "node:path";
function reproducibleOptions(io) {
  const epoch = parseSourceDateEpoch(io.env.SOURCE_DATE_EPOCH);
  return epoch ? { store: { sourceDateEpoch: epoch }, pack: { now: () => epoch } } : { store: {}, pack: {} };
}
function addPackerFlags(cmd) {
  cmd.option("-a, --annotation <key=value>", "manifest annotations (repeatable)", collect);
  cmd.option("--annotation-file <path>", "path of the annotation file");
  cmd.option("--export-manifest <path>", "path of the pushed manifest");
  cmd.option("--disable-path-validation", "skip path validation");
  return cmd;
}
function parseFileRef(raw, defaultMediaType) {
  const { path, mediaType } = parsePushFile(raw);
  return { raw, path, mediaType: mediaType || defaultMediaType };
}
async function parseAnnotations(flags, io) {
  const list3 = flags.annotation ?? [];
  if (flags.annotationFile && list3.length > 0) {
    throw new OrasError("INVALID_ARGUMENT", "`--annotation` and `--annotation-file` cannot be both specified");
  }
  if (flags.annotationFile) {
    const invalid2 = () => new OrasError("INVALID_ARGUMENT", `invalid annotation json file: failed to load annotations from ${flags.annotationFile}`, {
      hint: "Annotation file doesn't match the required format. Please refer to the document at https://oras.land/docs/how_to_guides/manifest_annotations"
    });
    let parsed;
    try {
      parsed = JSON.parse(await readFile3(resolvePath3(io.cwd, flags.annotationFile), "utf8"));
    } catch (err) {
      if (err.code === "ENOENT") {
        throw new OrasError("INVALID_ARGUMENT", `open ${flags.annotationFile}: no such file or directory`, { cause: err });
      }
      throw invalid2();
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalid2();
    const out = {};
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalid2();
      const inner = {};
      for (const [ik, iv] of Object.entries(v)) {
        if (typeof iv !== "string") throw invalid2();
        inner[ik] = iv;
      }
      out[k] = inner;
    }
    return out;
  }
  const manifest = {};
  for (const a of list3) {
    const i = a.indexOf("=");
    if (i < 0) {
      throw new OrasError("INVALID_ARGUMENT", "annotation value doesn't match the required format", {
        hint: 'Please use the correct format in the flag: --annotation "key=value"'
      });
    }
    const key = a.slice(0, i);
    if (Object.hasOwn(manifest, key)) throw new OrasError("INVALID_ARGUMENT", `duplicate annotation key: ${key}, `);
    manifest[key] = a.slice(i + 1);
  }
  return list3.length > 0 ? { [MANIFEST_KEY]: manifest } : {};
}
function validateFilePaths(refs, flags) {
  if (flags.disablePathValidation) return;
  const abs = refs.filter((r) => isAbsolute3(r.path)).map((r) => r.path);
  if (abs.length > 0) {
    throw new OrasError(
      "INVALID_ARGUMENT",
      `absolute file path detected. If it's intentional, use --disable-path-validation flag to skip this check: ${abs.join(", ")}`
    );
  }
}
async function exportManifest(flags, io, bytes) {
  if (!flags.exportManifest) return;
  await writeFile2(resolvePath3(io.cwd, flags.exportManifest), bytes);
}
function pushFileSpecs(refs, annotations) {
  return refs.map((f2) => {
    const a = annotations[f2.path];
    return { path: f2.path, mediaType: f2.mediaType, ...a?.[Annotation.Title] ? { name: a[Annotation.Title] } : {}, ...a ? { annotations: a } : {} };
  });
}
async function loadConfigFile(store, arg, annotations, io) {
  const c = parseFileRef(arg, MediaType.UnknownConfig);
  const added = await store.add(CONFIG_KEY, c.mediaType || MediaType.UnknownConfig, resolvePath3(io.cwd, c.path));
  const configAnnotations = annotations[CONFIG_KEY];
  return { mediaType: added.mediaType, digest: added.digest, size: added.size, ...configAnnotations ? { annotations: configAnnotations } : {} };
}
var MANIFEST_KEY, CONFIG_KEY;
var init_packer = __esm({
  "src/cli/options/packer.ts"() {
    "use strict";
    init_push2();
    init_errors();
    init_pack2();
    init_mediatypes();
    init_common();
    MANIFEST_KEY = "$manifest";
    CONFIG_KEY = "$config";
  }
});

// src/cli/options/platform.ts
function addPlatformFlag(cmd) {
  return cmd.option("--platform <platform>", "request platform in the form of `os[/arch][/variant][:os_version]`");
}
function parsePlatformFlag(flags) {
  return flags.platform === void 0 ? void 0 : parseHostPlatform(flags.platform);
}
var init_platform3 = __esm({
  "src/cli/options/platform.ts"() {
    "use strict";
    init_platform();
  }
});

// src/cli/options/duration.ts
function goDurationMs(s2) {
  if (s2 === "0") return 0;
  if (s2 === "") return SYNTAX;
  let ms = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s2.length) {
    const at = PART.lastIndex;
    const m = PART.exec(s2);
    const num = m?.[1];
    if (!m || m.index !== at || num === void 0 || !/[0-9]/.test(num)) return SYNTAX;
    ms += Number(num.endsWith(".") ? num.slice(0, -1) : num) * UNIT_MS[m[2]];
  }
  return ms;
}
function parseDuration(flag, raw, opts = {}) {
  const fail = (why) => {
    throw new OrasError("INVALID_ARGUMENT", opts.message ? opts.message(why) : `invalid ${flag} ${JSON.stringify(raw)}: ${why}`);
  };
  let s2 = raw;
  if (opts.bareSeconds) {
    s2 = s2.trim();
    if (/^[0-9]+(?:\.[0-9]+)?$/.test(s2)) s2 += "s";
    else s2 = s2.replace(/^([0-9]+(?:\.[0-9]+)?)\s+(ms|s|m)$/, "$1$2");
  }
  const parsed = goDurationMs(s2);
  if (typeof parsed === "string") return fail(parsed);
  const max = opts.maxMs ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isFinite(parsed) || parsed > max) return fail("too long");
  const ms = parsed > 0 ? Math.max(1, Math.round(parsed)) : 0;
  if (ms === 0 && !opts.allowZero) return fail("must be longer than 0");
  return ms;
}
var UNIT_MS, PART, SYNTAX;
var init_duration = __esm({
  "src/cli/options/duration.ts"() {
    "use strict";
    init_errors();
    UNIT_MS = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1e3, m: 6e4, h: 36e5 };
    PART = /([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/y;
    SYNTAX = "expected a duration such as 90s, 30m or 1h30m";
  }
});

// src/cli/options/remote.ts
import { homedir } from "node:os";
import { resolve as resolvePath4 } from "node:path";
function timeoutOptions(flags, io) {
  const out = {};
  for (const t of TIMEOUTS) {
    const fromFlag = flags[t.key];
    const raw = fromFlag ?? io.env[t.env];
    if (raw === void 0 || raw === "") continue;
    const what = fromFlag !== void 0 ? t.flag : t.env;
    out[t.option] = parseDuration(what, raw, {
      allowZero: true,
      bareSeconds: true,
      maxMs: 2 ** 31 - 1,
      message: (why) => `invalid duration ${JSON.stringify(raw)} for ${what}: ${why === "too long" ? why : "use e.g. 500ms, 30s or 2m"}`
    });
  }
  return out;
}
function addRemoteFlags(cmd, opts = {}) {
  cmd.option("-u, --username <username>", "registry username");
  cmd.option("-p, --password <password>", "registry password or identity token");
  if (opts.stdinSecrets !== false) cmd.option("--password-stdin", "read password from stdin");
  cmd.option("--identity-token <token>", "registry identity token");
  if (opts.stdinSecrets !== false) cmd.option("--identity-token-stdin", "read identity token from stdin");
  cmd.option("--insecure", "allow connections to SSL registry without certs");
  cmd.option("--plain-http", "allow insecure connections to registry without SSL check");
  cmd.addOption(new Option("--no-plain-http").hideHelp());
  cmd.option("--ca-file <file>", "server certificate authority file for the remote registry");
  cmd.option("--cert-file <file>", "client certificate file for the remote registry");
  cmd.option("--key-file <file>", "client private key file for the remote registry");
  cmd.option("--resolve <host:port:address[:port]>", "customized DNS for registry (repeatable)", collect);
  cmd.option("--registry-config <path>", "path of the authentication file for registry (repeatable)", collect);
  if (opts.headers !== false) cmd.option("-H, --header <name: value>", "add custom headers to requests (repeatable)", collect);
  for (const t of TIMEOUTS) cmd.option(`${t.flag} <duration>`, `${t.help} (default ${t.default}; env ${t.env}; 0 = none)`);
  return cmd;
}
function addTargetFlags(cmd) {
  addRemoteFlags(cmd);
  cmd.option("--oci-layout", "set target as an OCI image layout");
  cmd.option("--oci-layout-path <dir>", "[Experimental] set the path for the OCI image layout target");
  return cmd;
}
function exclusive(flags, names) {
  const set = names.filter(([k]) => flags[k] !== void 0 && flags[k] !== false);
  if (set.length > 1) throw new OrasError("INVALID_ARGUMENT", `${set.map(([, n2]) => n2).join(", ")} cannot be used at the same time`);
}
function validateRemoteFlags(flags) {
  const f2 = flags;
  exclusive(f2, [
    ["password", "--password"],
    ["passwordStdin", "--password-stdin"]
  ]);
  exclusive(f2, [
    ["identityToken", "--identity-token"],
    ["identityTokenStdin", "--identity-token-stdin"]
  ]);
  exclusive(f2, [
    ["username", "--username"],
    ["identityToken", "--identity-token"]
  ]);
  exclusive(f2, [
    ["username", "--username"],
    ["identityTokenStdin", "--identity-token-stdin"]
  ]);
  exclusive(f2, [
    ["password", "--password"],
    ["identityToken", "--identity-token"]
  ]);
  exclusive(f2, [
    ["passwordStdin", "--password-stdin"],
    ["identityTokenStdin", "--identity-token-stdin"]
  ]);
  if (flags.certFile && !flags.keyFile) throw new OrasError("INVALID_ARGUMENT", "--cert-file must be used in conjunction with --key-file");
  if (flags.keyFile && !flags.certFile) throw new OrasError("INVALID_ARGUMENT", "--key-file must be used in conjunction with --cert-file");
}
async function flagCredential(flags, io, warn = false) {
  let password = flags.password;
  let identityToken = flags.identityToken;
  if (flags.passwordStdin) password = await readSecretFromStdin(io);
  if (flags.identityTokenStdin) identityToken = await readSecretFromStdin(io);
  if (warn && flags.password !== void 0) io.stderr.write("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n");
  if (warn && flags.identityToken !== void 0) io.stderr.write("WARNING! Using --identity-token via the CLI is insecure. Use --identity-token-stdin.\n");
  if (password !== void 0 && !flags.username && identityToken === void 0) {
    identityToken = password;
    password = void 0;
  }
  if (flags.username === void 0 && password === void 0 && identityToken === void 0) return void 0;
  return {
    ...flags.username !== void 0 ? { username: flags.username } : {},
    ...password !== void 0 ? { password } : {},
    ...identityToken !== void 0 ? { refreshToken: identityToken } : {}
  };
}
function credentialStoreFor(flags, io) {
  return createCredentialStore({
    ...flags.registryConfig && flags.registryConfig.length > 0 ? { configPaths: flags.registryConfig.map((p) => resolvePath4(io.cwd, p)) } : {},
    env: io.env,
    homedir: io.env.HOME ?? homedir()
  });
}
function rfc3339Nano(t) {
  const p = (n2, w = 2) => String(n2).padStart(w, "0");
  const off = -t.getTimezoneOffset();
  const zone = off === 0 ? "Z" : `${off > 0 ? "+" : "-"}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  const ms = t.getMilliseconds();
  const frac = ms === 0 ? "" : `.${p(ms, 3).replace(/0+$/, "")}`;
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}${frac}${zone}`;
}
function stderrLogger(io, debug, now = () => /* @__PURE__ */ new Date()) {
  return {
    // Registry replies show up here (Warning headers, traced headers): no raw control characters.
    // Each entry as oras's log formatter writes it: `[<RFC3339Nano>][DEBUG]: <message>`, then two empty lines.
    debug: (msg) => {
      if (debug) io.stderr.write(`[${rfc3339Nano(now())}][DEBUG]: ${printableLines(msg)}


`);
    },
    warn: (msg) => io.stderr.write(`Warning: ${printable(msg)}
`)
  };
}
function connectionOptions(flags, io) {
  const headers = [];
  for (const h of flags.header ?? []) {
    const i = h.indexOf(":");
    if (i <= 0) throw new OrasError("INVALID_ARGUMENT", `invalid header: ${JSON.stringify(h)}`);
    headers.push([h.slice(0, i).trim(), h.slice(i + 1).trim()]);
  }
  const proxy = proxyConfigFromEnv(io.env);
  return {
    ...flags.plainHttp !== void 0 ? { plainHttp: flags.plainHttp } : {},
    ...flags.insecure ? { insecure: true } : {},
    ...flags.caFile ? { caFile: resolvePath4(io.cwd, flags.caFile) } : {},
    ...flags.certFile ? { certFile: resolvePath4(io.cwd, flags.certFile) } : {},
    ...flags.keyFile ? { keyFile: resolvePath4(io.cwd, flags.keyFile) } : {},
    ...flags.resolve && flags.resolve.length > 0 ? { resolve: flags.resolve } : {},
    ...headers.length > 0 ? { headers } : {},
    ...hasProxy(proxy) ? { proxy } : {},
    ...flags.debug ? { debug: true } : {},
    ...timeoutOptions(flags, io),
    logger: stderrLogger(io, Boolean(flags.debug)),
    signal: io.signal
  };
}
async function remoteTargetOptions(flags, io) {
  validateRemoteFlags(flags);
  const cred = await flagCredential(flags, io);
  return { ...connectionOptions(flags, io), ...cred ? { credential: cred } : { credentials: credentialStoreFor(flags, io) }, cwd: io.cwd };
}
async function remoteOptions(flags, io, registry) {
  return repositoryOptions(await remoteTargetOptions(flags, io), registry);
}
async function promptLine(io, prompt, silent) {
  io.stdout.write(prompt);
  const stdin = io.stdin;
  const raw = silent && stdin.isTTY === true && typeof stdin.setRawMode === "function";
  if (!raw) return await readLine2(stdin, false) ?? "";
  stdin.setRawMode?.(true);
  let line;
  try {
    line = await readLine2(stdin, true);
  } finally {
    stdin.setRawMode?.(false);
    io.stdout.write("\n");
  }
  if (line === void 0) return "";
  let out = "";
  for (const ch of line) {
    if (ch === "") throw new OrasError("ABORTED", "operation aborted");
    if (ch === "" || ch === "\b") out = out.slice(0, -1);
    else if (ch !== "") out += ch;
  }
  return out;
}
function readLine2(stream, rawMode) {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve(void 0);
  return new Promise((resolve5, reject) => {
    const chunks = [];
    const cleanup = () => {
      stream.off("readable", onReadable);
      stream.off("end", onEnd);
      stream.off("error", onError);
    };
    const isEnd = (b) => b === 10 || rawMode && (b === 13 || b === 3);
    function onReadable() {
      for (; ; ) {
        const c = stream.read();
        if (c === null) return;
        const b = Buffer.isBuffer(c) ? c : Buffer.from(String(c));
        const at = b.findIndex(isEnd);
        if (at < 0) {
          chunks.push(b);
          continue;
        }
        const stop = b[at];
        chunks.push(b.subarray(0, stop === 3 ? at + 1 : at));
        cleanup();
        const rest = b.subarray(at + 1);
        if (rest.length > 0) stream.unshift(rest);
        resolve5(Buffer.concat(chunks).toString("utf8").replace(/\r$/, ""));
        return;
      }
    }
    function onEnd() {
      cleanup();
      resolve5(chunks.length > 0 ? Buffer.concat(chunks).toString("utf8").replace(/\r$/, "") : void 0);
    }
    function onError(err) {
      cleanup();
      reject(err);
    }
    stream.on("readable", onReadable);
    stream.once("end", onEnd);
    stream.once("error", onError);
  });
}
function parseTargetArg(raw, flags) {
  if (flags.ociLayout && flags.ociLayoutPath) throw new OrasError("INVALID_ARGUMENT", "--oci-layout, --oci-layout-path cannot be used at the same time");
  if (flags.ociLayoutPath) return { kind: "oci-layout", raw, name: flags.ociLayoutPath, path: flags.ociLayoutPath, reference: raw };
  if (flags.ociLayout) {
    const { path, reference } = parseLayoutReference(raw);
    return { kind: "oci-layout", raw, name: path, path, reference };
  }
  let ref;
  try {
    ref = parseReference(raw);
  } catch (err) {
    if (OrasError.is(err)) throw new OrasError(err.code, `${JSON.stringify(raw)}: ${err.message}`, { cause: err, hint: [REFERENCE_FORM_HINT, ...err.hint ? [err.hint] : []].join("\n") });
    throw err;
  }
  return { kind: "registry", raw, ref, name: repositoryPath(ref), reference: ref.reference };
}
function displayReference(t) {
  return `[${t.kind}] ${t.raw}`;
}
async function targetOptions(t, flags, io) {
  if (t.kind === "registry") return remoteTargetOptions(flags, io);
  if (flags.header && flags.header.length > 0) throw new OrasError("INVALID_ARGUMENT", "custom header flags cannot be used on an OCI image layout target");
  return { cwd: io.cwd, signal: io.signal };
}
function orasCache(io) {
  return io.env.ORAS_CACHE ? { readCache: io.env.ORAS_CACHE } : {};
}
async function openWritableTarget(t, flags, io, extra = {}) {
  return openTarget(t, await targetOptions(t, flags, io), "write", extra);
}
async function openReadableTarget(t, flags, io, extra = {}, cache = false) {
  return openTarget(t, { ...await targetOptions(t, flags, io), ...cache ? orasCache(io) : {} }, "read", extra);
}
function describeConnectionError(err, prefix, flags) {
  if (!OrasError.is(err)) return err;
  const cleaned = err.message.replace(
    /[0-9A-F]{6,}:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):[^:\s]*:\d+:(?:SSL alert number (\d+))?/g,
    (_m, what, n2) => `tls: ${what}${n2 ? ` (alert ${n2})` : ""}`
  );
  const msg = `${prefix}: ${cleaned}`;
  let hint = err.hint;
  switch (err.code) {
    case "TLS_ERROR": {
      const text = `${err.message} ${String(err.cause?.code ?? "")}`;
      if (hint !== void 0) break;
      if (/certificate required|CERTIFICATE_REQUIRED|handshake failure|bad certificate/i.test(text)) {
        hint = flags.certFile ? "the registry refused the client certificate given with --cert-file/--key-file" : "the registry requires a client certificate: use --cert-file and --key-file";
      } else if (/certificate|self.signed|issuer|verify|CERT_|altnames|hostname/i.test(text)) {
        hint = flags.caFile ? `the certificate is not trusted by --ca-file ${flags.caFile}; use --insecure to skip verification (not recommended)` : "the registry's certificate is not trusted: use --ca-file <CA bundle (PEM)> to trust its authority, or --insecure to skip verification";
      }
      break;
    }
    case "UNAUTHORIZED":
      hint ??= "the registry rejected the credentials: check the username and password (or token)";
      if (/check the credentials for/.test(hint)) hint = "the registry rejected the credentials: check the username and password (or token)";
      break;
    case "FORBIDDEN":
      hint ??= "the credentials are valid but not allowed this access (forbidden scope)";
      break;
    case "NETWORK_ERROR":
      if (/proxyconnect/.test(err.message)) hint ??= "check HTTPS_PROXY/HTTP_PROXY, or exclude the registry with NO_PROXY";
      break;
    default:
      break;
  }
  return new OrasError(err.code, msg, { cause: err, ...hint !== void 0 ? { hint } : {} });
}
var REFERENCE_FORM_HINT;
var init_remote = __esm({
  "src/cli/options/remote.ts"() {
    "use strict";
    init_esm();
    init_target();
    init_errors();
    init_reference();
    init_credentials();
    init_proxy();
    init_common();
    init_duration();
    init_timeouts();
    init_escape();
    REFERENCE_FORM_HINT = "Please make sure the provided reference is in the form of <registry>/<repo>[:tag|@digest]";
  }
});

// src/cli/commands/attach.ts
var attach_exports = {};
__export(attach_exports, {
  define: () => define,
  runAttach: () => runAttach
});
function define(cmd, io) {
  cmd.description("Attach files to an existing artifact").usage("[flags] --artifact-type=<type> <name>{:<tag>|@<digest>} {<file>[:<layer_media_type>]|--annotation <key>=<value>} [...]").argument("[args...]");
  addTargetFlags(cmd);
  addPackerFlags(cmd);
  addFormatFlags(cmd);
  addPlatformFlag(cmd);
  addDistributionSpecFlag(cmd);
  addCommonFlags(cmd, { verboseDefault: true });
  cmd.option("--artifact-type <type>", "artifact type");
  cmd.option("--config <path>", "path of image config file");
  cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 5);
  cmd.action((args, flags) => runAttach(args, flags, io));
}
async function runAttach(args, flags, io) {
  checkArgs(io, "attach", args, 1, Number.POSITIVE_INFINITY);
  if (flags.artifactType === void 0) throw new OrasError("INVALID_ARGUMENT", 'required flag(s) "artifact-type" not set');
  if (flags.config !== void 0 && flags.platform !== void 0) throw new OrasError("INVALID_ARGUMENT", "--config, --platform cannot be used at the same time");
  const format2 = parseFormat(flags);
  const referrersState = parseDistributionSpec(flags.distributionSpec);
  const target2 = parseTargetArg(args[0], flags);
  const fileRefs = args.slice(1).map((a) => parseFileRef(a, ""));
  try {
    ensureReference(target2, `${programName(io)} attach`, usageLine(io, "attach"));
  } catch (err) {
    if (fileRefs.length === 0 && OrasError.is(err)) {
      throw new OrasError(err.code, err.message, { cause: err, hint: `Are you missing an artifact reference to attach to? ${err.hint ?? ""}`.trim() });
    }
    throw err;
  }
  validateFilePaths(fileRefs, flags);
  const platform2 = parsePlatformFlag(flags);
  const annotations = await parseAnnotations(flags, io);
  const repro = reproducibleOptions(io);
  if (fileRefs.length === 0 && Object.keys(annotations[MANIFEST_KEY] ?? {}).length === 0) {
    throw new OrasError("INVALID_ARGUMENT", "neither file nor annotation provided in the command", {
      hint: `Usage: ${usageLine(io, "attach")}
To attach to an existing artifact, please provide files via argument or annotations via flag "--annotation". Run "${programName(io)} attach -h" for more options and examples`
    });
  }
  const tty = format2.kind === "text" && useTTY(flags, io);
  const printer = new Printer(io.stdout, { verbose: flags.verbose !== false, quiet: format2.kind !== "text" || tty });
  const store = new FileStore({ workingDir: io.cwd, ...repro.store, syncSmallFiles: true });
  let progress;
  const opened = await openWritableTarget(target2, flags, io, { scopeActions: ["pull", "push"], ...referrersState ? { referrersState } : {} });
  try {
    const layers = await addFiles(store, pushFileSpecs(fileRefs, annotations), io.cwd, void 0, { signal: io.signal, onFileStart: (name) => printer.printVerbose(Prompt.Preparing, name) });
    let config;
    if (flags.config !== void 0) config = await loadConfigFile(store, flags.config, annotations, io);
    if (tty) progress = startProgress(io);
    const result = await attach(opened.target, target2.reference, store, {
      artifactType: flags.artifactType,
      layers,
      ...config ? { config } : {},
      ...annotations[CONFIG_KEY] ? { configAnnotations: annotations[CONFIG_KEY] } : {},
      ...annotations[MANIFEST_KEY] ? { annotations: annotations[MANIFEST_KEY] } : {},
      platform: platform2,
      ...repro.pack,
      concurrency: flags.concurrency,
      signal: io.signal,
      ...uploadStatusHooks(printer, () => progress)
    });
    progress?.stop();
    progress = void 0;
    if (format2.kind === "text") {
      const subjectRef = target2.raw.endsWith(result.subject.digest) ? target2.raw : `${target2.name}@${result.subject.digest}`;
      printer.println("Attached to", `[${target2.kind}] ${subjectRef}`);
      printer.println("Digest:", result.root.digest);
    } else {
      io.stdout.write(renderModel(format2, descriptorModel(target2.name, result.root)));
    }
    await exportManifest(flags, io, result.manifestBytes);
  } catch (err) {
    if (OrasError.is(err) && err.code === "NOT_FOUND" && (err.message === `${target2.raw}: not found` || err.message === `${target2.reference}: not found`)) {
      throw new OrasError("NOT_FOUND", `failed to resolve ${target2.reference}: ${err.message}`, { cause: err });
    }
    throw err;
  } finally {
    progress?.stop(true);
    opened.close();
    await store.close();
  }
}
var init_attach2 = __esm({
  "src/cli/commands/attach.ts"() {
    "use strict";
    init_file();
    init_errors();
    init_attach();
    init_json2();
    init_printer();
    init_status();
    init_progress();
    init_io();
    init_common();
    init_distribution();
    init_format();
    init_push2();
    init_packer();
    init_platform3();
    init_remote();
  }
});

// src/graph/referrers.ts
async function referrers(target2, desc, opts = {}) {
  if (!isManifestMediaType(desc.mediaType)) {
    throw new OrasError("UNSUPPORTED", `the descriptor ${desc.digest} (${desc.mediaType}) is not a manifest: unsupported`);
  }
  if (canListReferrers(target2)) return target2.referrers(desc, opts);
  if (!canFindPredecessors(target2)) throw new OrasError("UNSUPPORTED", "the target can neither list referrers nor find predecessors");
  const o = { signal: opts.signal };
  const out = [];
  for (const node of await target2.predecessors(desc, o)) {
    if (node.mediaType !== MediaType.ImageManifest && node.mediaType !== MediaType.ImageIndex) continue;
    const p = parseManifest(await fetchBytes(target2, node, o), node.mediaType);
    const subject = subjectOf(p);
    if (subject === void 0 || !sameContent(subject, desc)) continue;
    const referrer = referrerDescriptorOf(node, p);
    if (!opts.artifactType || opts.artifactType === referrer.artifactType) out.push(referrer);
  }
  return out;
}
async function walkReferrers(target2, root, opts = {}) {
  const visited = /* @__PURE__ */ new Set();
  const budget = new WalkBudget(opts);
  const tree = { descriptor: root, referrers: [] };
  const unlimited = (opts.depth ?? 0) <= 0;
  const visit = async (node, depth, level) => {
    if (visited.has(node.descriptor.digest)) return;
    visited.add(node.descriptor.digest);
    const found = await referrers(target2, node.descriptor, opts);
    if (unlimited) budget.checkLevel(level, found.length, node.descriptor);
    budget.add(found);
    for (const r of found) {
      await opts.onReferrer?.(r, node.descriptor);
      const child = { descriptor: r, referrers: [] };
      node.referrers.push(child);
      if (depth === 1) continue;
      await visit(child, depth > 0 ? depth - 1 : 0, level + 1);
    }
  };
  await visit(tree, opts.depth ?? 0, 1);
  return tree;
}
var canListReferrers, MAX_REFERRER_DEPTH, MAX_REFERRER_NODES, MAX_REFERRER_BYTES, WalkBudget;
var init_referrers2 = __esm({
  "src/graph/referrers.ts"() {
    "use strict";
    init_storage();
    init_verify();
    init_errors();
    init_budget();
    init_descriptor();
    init_manifest();
    init_mediatypes();
    canListReferrers = (t) => typeof t.referrers === "function";
    MAX_REFERRER_DEPTH = 64;
    MAX_REFERRER_NODES = 1e4;
    MAX_REFERRER_BYTES = 64 * 1024 * 1024;
    WalkBudget = class extends Budget {
      maxDepth;
      constructor(limits = {}) {
        super({
          maxItems: limits.maxNodes ?? MAX_REFERRER_NODES,
          maxBytes: limits.maxBytes ?? MAX_REFERRER_BYTES,
          tooMany: (max) => `more than ${max} referrers in all (referrer limit)`,
          tooLarge: (max) => `referrers take more than ${max} bytes in all (referrer size limit)`
        });
        this.maxDepth = limits.maxDepth ?? MAX_REFERRER_DEPTH;
      }
      /** After finding `n` referrers at `level` (1 = the root's direct referrers) of a walk without a depth. */
      checkLevel(level, n2, subject) {
        if (level > this.maxDepth && n2 > 0) {
          throw new OrasError("SIZE_EXCEEDS_LIMIT", `referrers of ${subject.digest}: nested deeper than ${this.maxDepth} levels (referrer depth limit); ask for fewer levels with a depth`);
        }
      }
      /** After finding more referrers (kept by the walk): their number, and their size as JSON. */
      add(found) {
        this.addItems(found.length);
        let bytes = 0;
        for (const d of found) bytes += JSON.stringify(d).length;
        this.addBytes(bytes);
      }
    };
  }
});

// src/graph/extended-copy.ts
function predecessorLookup(opts) {
  const find = opts.findPredecessors ?? findReferrers;
  return (src, desc, o) => onSide("source", "referrers", desc, () => find(src, desc, o));
}
function opOptions2(opts) {
  return { signal: opts.signal };
}
async function findRoots(src, node, opts = {}) {
  const find = predecessorLookup(opts);
  const o = opOptions2(opts);
  const depthLimit = opts.depth ?? 0;
  const budget = new WalkBudget(opts);
  const visited = /* @__PURE__ */ new Set();
  const roots = /* @__PURE__ */ new Map();
  const stack = [{ node, depth: 0 }];
  while (stack.length > 0) {
    const cur = stack.pop();
    const key = contentKey(cur.node);
    if (visited.has(key)) continue;
    visited.add(key);
    if (depthLimit > 0 && cur.depth === depthLimit) {
      if (!roots.has(key)) roots.set(key, cur.node);
      continue;
    }
    const preds = await find(src, cur.node, o);
    if (depthLimit <= 0) budget.checkLevel(cur.depth + 1, preds.length, cur.node);
    budget.add(preds);
    if (preds.length === 0) {
      if (!roots.has(key)) roots.set(key, cur.node);
      continue;
    }
    for (const p of preds) {
      if (!visited.has(contentKey(p))) stack.push({ node: p, depth: cur.depth + 1 });
    }
  }
  return [...roots.values()];
}
async function extendedCopyGraph(src, dst, node, opts = {}) {
  const copier = new Copier(src, dst, opts);
  const roots = await findRoots(copier.cache.source, node, opts);
  await copier.copy(...roots);
}
async function indexMembers(cache, desc, opts) {
  if (!isIndexMediaType(desc.mediaType)) return [];
  const parsed = parseManifest(await cache.fetchBytes(desc, opts), desc.mediaType);
  return parsed.kind === "index" ? [...parsed.index.manifests] : [];
}
async function predecessorsOf(src, descs, find, concurrency2, opts) {
  const limiter = new Limiter(concurrency2);
  const lists = await Promise.all(descs.map((d) => limiter.run(() => find(src, d, opts), opts.signal)));
  return lists.flat();
}
async function findReferrersRecursive(src, descs, opts = {}) {
  const find = predecessorLookup(opts);
  const o = opOptions2(opts);
  const concurrency2 = opts.concurrency ?? DEFAULT_CONCURRENCY;
  const budget = new WalkBudget(opts);
  const visited = /* @__PURE__ */ new Set();
  const all = [];
  let level = [...descs];
  for (let depth = 1; level.length > 0; depth++) {
    const found = await predecessorsOf(src, level, find, concurrency2, o);
    budget.checkLevel(depth, found.length, level[0]);
    budget.add(found);
    const next = [];
    for (const r of found) {
      if (visited.has(r.digest)) continue;
      visited.add(r.digest);
      next.push(r);
    }
    all.push(...next);
    level = next;
  }
  return all;
}
async function countReferrers(src, root, opts = {}) {
  const cache = src instanceof ManifestCache ? src : new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
  const raw = cache.source;
  const o = opOptions2(opts);
  let n2 = (await findReferrersRecursive(raw, [root], opts)).length;
  const members = await indexMembers(cache, root, o);
  if (members.length > 0) n2 += (await findReferrersRecursive(raw, members, opts)).length;
  return n2;
}
async function copyWithReferrers(src, dst, root, dstRef, opts = {}) {
  const cache = src instanceof ManifestCache ? src : new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
  const raw = cache.source;
  const o = opOptions2(opts);
  const find = predecessorLookup(opts);
  let copyRoot = root;
  let copyOpts = opts;
  const members = await indexMembers(cache, root, o);
  if (members.length > 0) {
    const memberReferrers = (await predecessorsOf(raw, members, find, opts.concurrency ?? DEFAULT_CONCURRENCY, o)).filter((d) => !sameContent(d, root));
    if (memberReferrers.length > 0) {
      const rootReferrers = await find(raw, root, o);
      if (rootReferrers.length === 0) {
        const first = members[0];
        const firstPreds = [root, ...memberReferrers];
        copyRoot = first;
        copyOpts = {
          ...opts,
          findPredecessors: async (s2, d, fo) => {
            if (sameContent(d, root)) return [];
            if (sameContent(d, first)) return firstPreds;
            return find(s2, d, fo);
          }
        };
      } else {
        const all = [...rootReferrers, ...memberReferrers];
        copyOpts = {
          ...opts,
          findPredecessors: async (s2, d, fo) => sameContent(d, root) ? all : find(s2, d, fo)
        };
      }
    }
  }
  await extendedCopyGraph(cache, dst, copyRoot, copyOpts);
  if (dstRef !== void 0 && dstRef !== "" && dstRef !== root.digest) {
    if (!isManifestMediaType(root.mediaType)) throw new OrasError("UNSUPPORTED", `cannot tag ${root.digest}: ${root.mediaType} is not a manifest`);
    await tagRoot(dst, root, await cache.fetchBytes(root, o), dstRef, o);
  }
}
var findReferrers;
var init_extended_copy = __esm({
  "src/graph/extended-copy.ts"() {
    "use strict";
    init_errors();
    init_descriptor();
    init_manifest();
    init_mediatypes();
    init_cache();
    init_copy();
    init_copy_error();
    init_limiter();
    init_referrers2();
    findReferrers = async (src, desc, opts) => {
      if (!isManifestMediaType(desc.mediaType)) return [];
      return referrers(src, desc, { signal: opts.signal });
    };
  }
});

// src/graph/backup.ts
import { mkdtemp, open as open8, rm as rm2, stat as stat7 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { extname, join as join11 } from "node:path";
function isTarOutput(output) {
  return extname(output).toLowerCase() === ".tar";
}
async function resolveTags(target2, tags2, opts = {}) {
  const o = { signal: opts.signal };
  const resolveOne = async (tag2) => {
    try {
      return await target2.resolve(tag2, o);
    } catch (err) {
      if (OrasError.is(err)) throw new OrasError(err.code, `failed to resolve tag ${JSON.stringify(tag2)}: ${err.message}`, { cause: err });
      throw err;
    }
  };
  if (tags2 && tags2.length > 0) {
    const roots2 = [];
    for (const t of tags2) roots2.push(await resolveOne(t));
    return { tags: [...tags2], roots: roots2 };
  }
  if (!canListTags(target2)) throw new OrasError("UNSUPPORTED", "the source cannot list its tags");
  const all = [];
  const roots = [];
  for await (const t of target2.tags(o)) {
    roots.push(await resolveOne(t));
    all.push(t);
  }
  return { tags: all, roots };
}
async function backupTag(src, dst, tag2, root, opts) {
  if (opts.includeReferrers) {
    await copyWithReferrers(src, dst, root, tag2, opts);
    return countReferrers(dst, root, opts);
  }
  await copyGraph(src, dst, root, opts);
  await dst.tag(root, tag2, { signal: opts.signal });
  return 0;
}
async function backup(src, output, opts = {}) {
  if (output === "") throw new OrasError("INVALID_ARGUMENT", "the output path cannot be empty");
  const name = opts.sourceName ?? "the source";
  const tar = isTarOutput(output);
  let workDir = output;
  let tempDir;
  if (tar) {
    try {
      const fh = await open8(output, "a");
      await fh.close();
    } catch (err) {
      const st = await stat7(output).catch(() => void 0);
      if (st?.isDirectory()) {
        throw new OrasError("INVALID_ARGUMENT", `the output path ${JSON.stringify(output)} already exists and is a directory`, {
          cause: err,
          hint: "To back up to a tar archive, please specify a different output file name or remove the existing directory."
        });
      }
      throw new OrasError("INVALID_ARGUMENT", `unable to create output file ${output}: ${err.message}`, { cause: err });
    }
    tempDir = await mkdtemp(join11(tmpdir2(), "oras-backup-"));
    workDir = tempDir;
  }
  try {
    const dst = await OciLayoutStore.open(workDir);
    const cache = opts.manifestCache ?? new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
    const resolved = await resolveTags(src, opts.tags, opts);
    if (resolved.tags.length === 0) {
      throw new OrasError("NOT_FOUND", `no tags found in repository ${JSON.stringify(name)}`, {
        hint: `If you want to list available tags in ${JSON.stringify(name)}, use "oras repo tags"`
      });
    }
    await opts.onTagsFound?.(resolved.tags);
    for (const [i, tag2] of resolved.tags.entries()) {
      const root = resolved.roots[i];
      let n2;
      try {
        n2 = await backupTag(cache, dst, tag2, root, opts);
      } catch (err) {
        const msg = `failed to back up tag ${JSON.stringify(tag2)} from ${JSON.stringify(name)} to ${JSON.stringify(tar ? workDir : opts.outputName ?? output)}: ${err.message}`;
        throw OrasError.is(err) ? new OrasError(err.code, msg, { cause: err }) : new OrasError("COPY_FAILED", msg, { cause: err });
      }
      await opts.onTagBackedUp?.(tag2, n2);
    }
    await dst.close();
    await rm2(join11(workDir, INGEST_DIR), { recursive: true, force: true });
    if (!tar) return { tags: resolved.tags, roots: resolved.roots, format: "directory" };
    await opts.onExporting?.(output);
    const { size } = await writeOciLayoutTar(workDir, output, { signal: opts.signal });
    await opts.onExported?.(output, size);
    return { tags: resolved.tags, roots: resolved.roots, format: "tar", size };
  } finally {
    if (tempDir) await rm2(tempDir, { recursive: true, force: true });
  }
}
var init_backup = __esm({
  "src/graph/backup.ts"() {
    "use strict";
    init_store2();
    init_core();
    init_tar();
    init_storage();
    init_errors();
    init_cache();
    init_copy();
    init_extended_copy();
  }
});

// src/api/copy.ts
function sideOptions(opts, side) {
  const {
    from: _f,
    to: _t,
    referrers: _r,
    platform: _p,
    tags: _g,
    concurrency: _c,
    onProgress: _o,
    progress: _e,
    mount: _m,
    hooks: _h,
    onCopied: _d,
    onTagged: _a,
    ...shared
  } = opts;
  return { ...shared, ...side };
}
async function copy2(src, dst, opts = {}) {
  const fromOpts = sideOptions(opts, opts.from);
  const toOpts = sideOptions(opts, opts.to);
  const platform2 = typeof opts.platform === "string" ? parseHostPlatform(opts.platform) : opts.platform;
  const o = opOptions(opts);
  const srcInput = typeof src === "string" ? parsedInput(src, fromOpts) : src;
  const dstInput = typeof dst === "string" ? parsedInput(dst, toOpts) : dst;
  const srcRef = requireReference(parsedInput(srcInput, fromOpts), "copy");
  const source = await useTarget(srcInput, fromOpts, "read");
  try {
    const from = source.parsed;
    const dest = await useTarget(dstInput, toOpts, "write");
    try {
      const to = dest.parsed;
      const cache = new ManifestCache(source.target);
      const mount = from.kind === "registry" && to.kind === "registry" && from.ref.registry === to.ref.registry && (opts.mount ?? (opts.from?.credential === void 0 && opts.to?.credential === void 0)) ? from.ref.repository : void 0;
      const hooks = typeof opts.hooks === "function" ? opts.hooks(cache) : opts.hooks;
      const concurrency2 = opts.concurrency ?? 3;
      const graphOpts = {
        ...o,
        concurrency: concurrency2,
        ...copyProgressHooks(opts, hooks),
        ...mount !== void 0 ? { mountFrom: () => [mount] } : {}
      };
      const resolveRoot2 = async () => {
        const named = await onSide("source", "resolve", void 0, () => source.target.resolve(srcRef, o));
        return platform2 ? selectPlatformManifest(cache, named, platform2, o) : named;
      };
      let root;
      if (opts.referrers) {
        root = await resolveRoot2();
        await copyWithReferrers(cache, dest.target, root, to.reference, graphOpts);
      } else if (to.reference === "") {
        root = await resolveRoot2();
        await copyGraph(cache, dest.target, root, graphOpts);
      } else {
        root = await copy(source.target, srcRef, dest.target, to.reference, {
          ...graphOpts,
          ...platform2 ? { mapRoot: (c, r, mo) => selectPlatformManifest(c, r, platform2, mo) } : {}
        });
      }
      await opts.onCopied?.(root);
      if (opts.tags && opts.tags.length > 0) {
        const bytes = isManifestMediaType(root.mediaType) ? await cache.fetchBytes(root, o) : void 0;
        await tagN(dest.target, root, bytes, opts.tags, { ...o, concurrency: concurrency2, ...opts.onTagged ? { onTagged: opts.onTagged } : {} });
      }
      return { digest: root.digest, mediaType: root.mediaType, size: root.size, reference: canonicalReference(to, root.digest), descriptor: root };
    } finally {
      dest.close();
    }
  } finally {
    source.close();
  }
}
var init_copy2 = __esm({
  "src/api/copy.ts"() {
    "use strict";
    init_cache();
    init_copy();
    init_copy_error();
    init_extended_copy();
    init_platform2();
    init_tag();
    init_mediatypes();
    init_platform();
    init_progress2();
    init_target();
  }
});

// src/cli/options/binary-target.ts
function addBinaryTargetFlags(cmd, opts = {}) {
  for (const side of ["from", "to"]) {
    const d = DESCRIPTION[side];
    if (opts.distributionSpec !== false) {
      cmd.option(
        `--${side}-distribution-spec <spec>`,
        `[Preview] set OCI distribution spec version and API option for ${d} target. Options: ${DISTRIBUTION_SPEC_TAG}, ${DISTRIBUTION_SPEC_API}`
      );
    }
    cmd.option(`--${side}-username <username>`, `${d} registry username`);
    cmd.option(`--${side}-password <password>`, `${d} registry password or identity token`);
    cmd.option(`--${side}-identity-token <token>`, `${d} registry identity token`);
    cmd.option(`--${side}-insecure`, `allow connections to ${d} SSL registry without certs`);
    cmd.option(`--${side}-plain-http`, `allow insecure connections to ${d} registry without SSL check`);
    cmd.addOption(new Option(`--no-${side}-plain-http`).hideHelp());
    cmd.option(`--${side}-ca-file <file>`, `server certificate authority file for the remote ${d} registry`);
    cmd.option(`--${side}-cert-file <file>`, `client certificate file for the remote ${d} registry`);
    cmd.option(`--${side}-key-file <file>`, `client private key file for the remote ${d} registry`);
    cmd.option(`--${side}-resolve <host:port:address[:port]>`, `customized DNS for ${d} registry (repeatable)`, collect);
    cmd.option(`--${side}-registry-config <path>`, `path of the authentication file for ${d} registry (repeatable)`, collect);
    cmd.option(`--${side}-header <name: value>`, `add custom headers to ${d} requests (repeatable)`, collect);
    cmd.option(`--${side}-oci-layout`, `set ${d} target as an OCI image layout`);
    cmd.option(`--${side}-oci-layout-path <dir>`, `[Experimental] set the path for the ${d} OCI image layout target`);
  }
  cmd.option("--resolve <host:port:address[:port]>", "base DNS rules formatted in `host:port:address[:address_port]` for --from-resolve and --to-resolve", collect);
  return cmd;
}
function str(v) {
  return typeof v === "string" ? v : void 0;
}
function list2(v) {
  return Array.isArray(v) ? v : void 0;
}
function cap(side, name) {
  return side + name.charAt(0).toUpperCase() + name.slice(1);
}
function sideFlags(flags, side) {
  const get = (name) => flags[cap(side, name)];
  const resolve5 = [...flags.resolve ?? [], ...list2(get("resolve")) ?? []];
  const plain = get("plainHttp");
  const out = {
    username: str(get("username")),
    password: str(get("password")),
    identityToken: str(get("identityToken")),
    insecure: get("insecure") === true ? true : void 0,
    plainHttp: typeof plain === "boolean" ? plain : void 0,
    caFile: str(get("caFile")),
    certFile: str(get("certFile")),
    keyFile: str(get("keyFile")),
    resolve: resolve5.length > 0 ? resolve5 : void 0,
    registryConfig: list2(get("registryConfig")),
    header: list2(get("header")),
    ociLayout: get("ociLayout") === true ? true : void 0,
    ociLayoutPath: str(get("ociLayoutPath")),
    debug: flags.debug === true ? true : void 0
  };
  for (const k of Object.keys(out)) if (out[k] === void 0) delete out[k];
  if (out.ociLayout && out.ociLayoutPath !== void 0) {
    throw new OrasError("INVALID_ARGUMENT", `--${side}-oci-layout-path, --${side}-oci-layout cannot be used at the same time`);
  }
  return out;
}
function sideReferrersState(flags, side) {
  return parseDistributionSpec(str(flags[cap(side, "distributionSpec")]));
}
function sameCredentials(flags) {
  const a = sideFlags(flags, "from");
  const b = sideFlags(flags, "to");
  return a.username === b.username && a.password === b.password && a.identityToken === b.identityToken;
}
var DESCRIPTION;
var init_binary_target = __esm({
  "src/cli/options/binary-target.ts"() {
    "use strict";
    init_esm();
    init_errors();
    init_common();
    init_distribution();
    DESCRIPTION = { from: "source", to: "destination" };
  }
});

// src/cli/commands/cp.ts
var cp_exports = {};
__export(cp_exports, {
  COPY_PROMPTS: () => COPY_PROMPTS,
  copyStatusHooks: () => copyStatusHooks,
  define: () => define2,
  runCopy: () => runCopy
});
function define2(cmd, io) {
  cmd.description("Copy artifacts from one target to another. When copying an image index, all of its manifests will be copied").usage("[flags] <from>{:<tag>|@<digest>} <to>[:<tag>[,<tag>][...]]").argument("[args...]");
  addBinaryTargetFlags(cmd);
  addPlatformFlag(cmd);
  addCommonFlags(cmd, { verboseDefault: true });
  cmd.option("-r, --recursive", "[Preview] recursively copy the artifact and its referrer artifacts");
  cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 3);
  cmd.action((args, flags) => runCopy(args, flags, io));
}
function copyStatusHooks(printer, progress, cache, prompts, opts = {}) {
  const committed = /* @__PURE__ */ new Map();
  const commit = (d) => committed.set(d.digest, titleOf(d));
  return {
    preCopy: (d) => {
      progress?.start(d, prompts.copying);
      printer.printStatus(d, prompts.copying);
    },
    postCopy: async (d) => {
      commit(d);
      progress?.done(d, prompts.copied);
      if ((!printer.quiet || progress) && isManifestMediaType(d.mediaType)) {
        const successors = successorsOf(parseManifest(await cache.fetchBytes(d, opts), d.mediaType));
        for (const s2 of successors) {
          if (committed.has(s2.digest) && committed.get(s2.digest) !== titleOf(s2)) {
            progress?.report(s2, prompts.skipped);
            printer.printStatus(s2, prompts.skipped);
          }
        }
      }
      printer.printStatus(d, prompts.copied);
    },
    onCopySkipped: (d) => {
      commit(d);
      progress?.done(d, prompts.exists);
      printer.printStatus(d, prompts.exists);
    },
    onMounted: (d) => {
      commit(d);
      progress?.done(d, prompts.mounted ?? prompts.copied);
      printer.printStatus(d, prompts.mounted ?? prompts.copied);
    },
    ...progress ? { onProgress: progress.onProgress } : {}
  };
}
async function runCopy(args, flags, io) {
  checkArgs(io, "cp", args, 2, 2);
  const [toRaw, ...extraTags] = args[1].split(",");
  for (const t of extraTags) if (t === "") throw new OrasError("INVALID_REFERENCE", `invalid reference: empty tag in ${JSON.stringify(args[1])}`);
  const fromFlags = sideFlags(flags, "from");
  const toFlags = sideFlags(flags, "to");
  const from = parseTargetArg(args[0], fromFlags);
  const to = parseTargetArg(toRaw, toFlags);
  const fromState = sideReferrersState(flags, "from");
  const toState = sideReferrersState(flags, "to");
  const platform2 = parsePlatformFlag(flags);
  ensureReference(from, `${programName(io)} cp`, usageLine(io, "cp"));
  const fromOptions = await targetOptions(from, fromFlags, io);
  const toOptions = await targetOptions(to, toFlags, io);
  const tty = useTTY(flags, io);
  const printer = new Printer(io.stdout, { verbose: flags.verbose !== false, quiet: tty });
  let progress = tty ? startProgress(io) : void 0;
  try {
    const result = await copy2(from, to, {
      signal: io.signal,
      from: { ...fromOptions, ...fromState ? { referrersState: fromState } : {} },
      to: { ...toOptions, ...toState ? { referrersState: toState } : {} },
      concurrency: flags.concurrency,
      mount: sameCredentials(flags),
      ...platform2 ? { platform: platform2 } : {},
      ...flags.recursive ? { referrers: true } : {},
      hooks: (cache) => copyStatusHooks(printer, progress, cache, COPY_PROMPTS, { signal: io.signal }),
      onCopied: (root) => {
        progress?.stop();
        progress = void 0;
        let fromDisplay = displayReference(from);
        if (isDigest(from.reference) && from.reference !== root.digest) fromDisplay = `[${from.kind}] ${from.name}@${root.digest}`;
        printer.println("Copied", fromDisplay, "=>", displayReference(to));
      },
      tags: extraTags,
      onTagged: (t) => printer.println("Tagged", t)
    });
    printer.println("Digest:", result.digest);
  } catch (err) {
    if (err instanceof CopyError) throw new SideError(err, err.side === "source" ? from : to);
    throw err;
  } finally {
    progress?.stop(true);
  }
}
var COPY_PROMPTS, SideError;
var init_cp = __esm({
  "src/cli/commands/cp.ts"() {
    "use strict";
    init_copy2();
    init_errors();
    init_copy_error();
    init_descriptor();
    init_digest();
    init_manifest();
    init_mediatypes();
    init_printer();
    init_progress();
    init_io();
    init_binary_target();
    init_common();
    init_distribution();
    init_platform3();
    init_remote();
    COPY_PROMPTS = {
      copying: Prompt.Copying,
      copied: Prompt.Copied,
      exists: Prompt.CopyExists,
      skipped: Prompt.CopySkipped,
      mounted: Prompt.Mounted
    };
    SideError = class extends OrasError {
      origin;
      prefix;
      constructor(err, target2) {
        super(err.code, err.message, { cause: err, ...err.hint !== void 0 ? { hint: err.hint } : {} });
        this.origin = err.side;
        this.prefix = `Error from ${err.side} ${target2.kind} for ${JSON.stringify(target2.raw)}`;
      }
    };
  }
});

// src/cli/commands/backup.ts
var backup_exports = {};
__export(backup_exports, {
  BACKUP_PROMPTS: () => BACKUP_PROMPTS,
  define: () => define3,
  parseArtifactReferences: () => parseArtifactReferences,
  printTagsFound: () => printTagsFound,
  runBackup: () => runBackup
});
import { resolve as resolvePath5 } from "node:path";
function define3(cmd, io) {
  cmd.description(
    '[Experimental] Back up artifacts from a registry into an OCI image layout, saved either as a directory or a tar archive.\nThe output format is determined by the file extension of the specified output path: if it ends with ".tar", the output will be a tar archive; otherwise, it will be a directory.'
  ).usage("[flags] --output <path> <registry>/<repository>[:<ref1>[,<ref2>...]]").argument("[args...]");
  addRemoteFlags(cmd);
  addDistributionSpecFlag(cmd);
  addCommonFlags(cmd);
  cmd.option("-o, --output <path>", "path to the target output, either a tar archive (*.tar) or a directory");
  cmd.option("--include-referrers", "back up the artifact with its referrers (e.g., attestations, SBOMs)");
  cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 3);
  cmd.action((args, flags) => runBackup(args, flags, io));
}
function parseArtifactReferences(raw) {
  if (raw === "") throw new OrasError("INVALID_REFERENCE", "artifact reference cannot be empty");
  if (raw.includes("@")) throw new OrasError("INVALID_REFERENCE", `digest references are not supported: ${JSON.stringify(raw)}`);
  const [main2, ...extra] = raw.split(",");
  let ref;
  try {
    ref = parseReference(main2);
  } catch (err) {
    throw new OrasError("INVALID_REFERENCE", `invalid reference ${JSON.stringify(main2)}: ${err.message}`, { cause: err });
  }
  const repository = repositoryPath(ref);
  if (ref.reference === "" && extra.length === 0) return { repository, tags: [] };
  const tags2 = [ref.reference, ...extra];
  for (const t of tags2) {
    if (t === "") throw new OrasError("INVALID_REFERENCE", `empty tag in reference ${JSON.stringify(raw)}`);
    if (!isValidTag(t)) throw new OrasError("INVALID_REFERENCE", `invalid tag ${JSON.stringify(t)} in reference ${JSON.stringify(raw)}: invalid reference: invalid tag`);
  }
  return { repository, tags: tags2 };
}
function printTagsFound(printer, header, tags2) {
  if (tags2.length <= 5) {
    printer.println(`${header}: ${tags2.map(printable).join(", ")}`);
    return;
  }
  printer.println(`${header}:`);
  for (const t of tags2) printer.println(printable(t));
}
async function runBackup(args, flags, io) {
  checkArgs(io, "backup", args, 1, 1);
  if (flags.output === void 0) throw new OrasError("INVALID_ARGUMENT", `required flag(s) "output" not set`);
  if (flags.output === "") throw new OrasError("INVALID_ARGUMENT", "the output path cannot be empty");
  const started = performance.now();
  const { repository, tags: tags2 } = parseArtifactReferences(args[0]);
  const referrersState = parseDistributionSpec(flags.distributionSpec);
  const output = resolvePath5(io.cwd, flags.output);
  const ref = parseReference(repository);
  const src = await openReadableTarget({ kind: "registry", raw: repository, ref, name: repository, reference: "" }, flags, io, {
    scopeActions: ["pull"],
    ...referrersState ? { referrersState } : {}
  });
  const tty = useTTY(flags, io);
  const printer = new Printer(io.stdout, { verbose: true, quiet: tty });
  const meta = new Printer(io.stdout, { verbose: true });
  let progress = tty ? startProgress(io) : void 0;
  const o = { signal: io.signal };
  try {
    const cache = new ManifestCache(src.target);
    const result = await backup(src.target, output, {
      manifestCache: cache,
      ...o,
      concurrency: flags.concurrency,
      tags: tags2,
      includeReferrers: Boolean(flags.includeReferrers),
      sourceName: repository,
      outputName: flags.output,
      ...copyStatusHooks(printer, progress, cache, BACKUP_PROMPTS, o),
      onTagsFound: (found) => printTagsFound(meta, `Found ${found.length} tag(s) in ${repository}`, found),
      onTagBackedUp: (tag2, n2) => meta.println(`Pulled tag ${printable(tag2)} with ${n2} referrer(s)`),
      onExporting: () => {
        progress?.stop();
        progress = void 0;
        meta.println(`Exporting to ${flags.output}`);
      },
      onExported: (_p, size) => meta.println(`Exported to ${flags.output} (${formatSize(size)})`)
    });
    progress?.stop();
    progress = void 0;
    meta.println(`Successfully backed up ${result.tags.length} tag(s) from ${JSON.stringify(repository)} to ${JSON.stringify(flags.output)} in ${formatDuration(performance.now() - started)}.`);
  } catch (err) {
    throw hintForProgram(err, io);
  } finally {
    progress?.stop(true);
    src.close();
  }
}
var BACKUP_PROMPTS;
var init_backup2 = __esm({
  "src/cli/commands/backup.ts"() {
    "use strict";
    init_errors();
    init_backup();
    init_cache();
    init_reference();
    init_printer();
    init_humanize();
    init_progress();
    init_common();
    init_distribution();
    init_remote();
    init_cp();
    init_escape();
    BACKUP_PROMPTS = {
      copying: "Pulling  ",
      copied: "Pulled   ",
      exists: Prompt.PushExists,
      skipped: Prompt.PushSkipped
    };
  }
});

// src/cli/commands/blob.ts
var blob_exports = {};
__export(blob_exports, {
  define: () => define4,
  runBlobDelete: () => runBlobDelete,
  runBlobFetch: () => runBlobFetch,
  runBlobPush: () => runBlobPush
});
import { createReadStream as createReadStream3, createWriteStream as createWriteStream2 } from "node:fs";
import { rename as rename6, stat as stat8, unlink as unlink5 } from "node:fs/promises";
import { basename as basename5, dirname as dirname6, join as join12, resolve as resolvePath6 } from "node:path";
import { Readable as Readable13 } from "node:stream";
import { pipeline as pipeline7 } from "node:stream/promises";
function define4(cmd, io) {
  cmd.description("Blob operations").usage("[command]");
  const del = cmd.command("delete").aliases(["remove", "rm"]).summary("Delete a blob from a remote registry").description("Delete a blob from a remote registry");
  del.usage("[flags] <name>@<digest>").argument("[args...]");
  addTargetFlags(del);
  addDescriptorFlags(del);
  addConfirmationFlag(del);
  addCommonFlags(del, { tty: false });
  del.action((args, flags) => runBlobDelete(args, flags, io));
  const fetch = cmd.command("fetch").alias("get").summary("Fetch a blob from a registry or an OCI image layout").description("Fetch a blob from a registry or an OCI image layout");
  fetch.usage("[flags] {--output <file> | --descriptor} <name>@<digest>").argument("[args...]");
  addTargetFlags(fetch);
  addDescriptorFlags(fetch);
  addCommonFlags(fetch);
  fetch.option("-o, --output <path>", "output file `path`, use - for stdout");
  fetch.action((args, flags) => runBlobFetch(args, flags, io));
  const push2 = cmd.command("push").summary("Push a blob to a registry or an OCI image layout").description("Push a blob to a registry or an OCI image layout");
  push2.usage("[flags] <name>[@digest] <file>").argument("[args...]");
  addTargetFlags(push2);
  addDescriptorFlags(push2);
  addCommonFlags(push2, { verboseDefault: true });
  push2.option("--size <bytes>", "provide the blob size", "-1");
  push2.option("--media-type <type>", "specify the returned media type in the descriptor if --descriptor is used", MediaType.ImageLayer);
  push2.action((args, flags) => runBlobPush(args, flags, io));
}
function blobDigest(t, cmdPath, use) {
  ensureReference(t, cmdPath, use, false);
  if (!isDigest(t.reference)) {
    throw new OrasError("INVALID_REFERENCE", `"${t.raw}": invalid reference: the blob reference must be a digest`, {
      hint: `Usage: ${use}
Please specify a reference in the form of "<name>@<digest>". Run "${cmdPath} -h" for more options and examples`
    });
  }
  return t.reference;
}
async function resolveBlob(target2, digest, signal) {
  const o = { signal };
  if (target2 instanceof Repository) return target2.resolveBlob(digest, o);
  return target2.resolve(digest, o);
}
async function runBlobFetch(args, flags, io) {
  checkArgs(io, "blob fetch", args, 1, 1);
  if (!flags.output && !flags.descriptor) throw new OrasError("INVALID_ARGUMENT", "either `--output` or `--descriptor` must be provided");
  if (flags.output === "-" && flags.descriptor) throw new OrasError("INVALID_ARGUMENT", "`--output -` cannot be used with `--descriptor` at the same time");
  const target2 = parseTargetArg(args[0], flags);
  const opened = await openReadableTarget(target2, flags, io, { scopeActions: ["pull"] }, true);
  let progress;
  try {
    const digest = blobDigest(target2, `${programName(io)} blob fetch`, usageLine(io, "blob fetch"));
    const desc = await resolveBlob(opened.target, digest, io.signal);
    if (flags.output) {
      const o = { signal: io.signal };
      if (flags.output !== "-" && useTTY(flags, io)) progress = startProgress(io);
      progress?.start(desc, Prompt.Downloading);
      const fetched = await opened.target.fetch(desc, o);
      const body = progress ? Readable13.from(countBytes(fetched, (n2) => progress?.onProgress(desc, n2))) : fetched;
      if (flags.output === "-") {
        await pipeline7(body, verifier(desc), async (src) => {
          for await (const chunk of src) {
            if (!io.stdout.write(chunk)) await new Promise((r) => io.stdout.once("drain", () => r()));
          }
        });
      } else {
        const path = resolvePath6(io.cwd, flags.output);
        const tmp = join12(dirname6(path), `.${basename5(path)}.${process.pid}.${Date.now()}.part`);
        try {
          await pipeline7(body, verifier(desc), createWriteStream2(tmp, { flags: "wx" }), o);
          await rename6(tmp, path);
        } catch (err) {
          await unlink5(tmp).catch(() => void 0);
          throw err;
        }
        progress?.done(desc, Prompt.Downloaded);
        progress?.stop();
      }
    }
    if (flags.descriptor) printDescriptor(io, desc, flags.pretty);
  } finally {
    progress?.stop(true);
    opened.close();
  }
}
async function runBlobPush(args, flags, io) {
  checkArgs(io, "blob push", args, 2, 2);
  const fileRef = args[1];
  const size = /^-?\d+$/.test(flags.size) ? Number(flags.size) : Number.NaN;
  if (!Number.isSafeInteger(size)) throw new OrasError("INVALID_ARGUMENT", `invalid argument "${flags.size}" for "--size" flag: strconv.ParseInt: parsing "${flags.size}": invalid syntax`);
  if (fileRef === "-") {
    if (flags.passwordStdin) throw new OrasError("INVALID_ARGUMENT", "`-` read file from input and `--password-stdin` read password from input cannot be both used");
    if (flags.identityTokenStdin) {
      throw new OrasError("INVALID_ARGUMENT", "`-` read file from input and `--identity-token-stdin` read identity token from input cannot be both used");
    }
    if (size < 0) throw new OrasError("INVALID_ARGUMENT", "`--size` must be provided if the blob is read from stdin");
  }
  const target2 = parseTargetArg(args[0], flags);
  let digest;
  if (target2.reference !== "") {
    try {
      digest = parseDigest(target2.reference);
    } catch (err) {
      throw new OrasError("INVALID_DIGEST", `invalid digest ${target2.reference}: ${err.message}`, { cause: err });
    }
  }
  let desc;
  let open10;
  if (fileRef === "-") {
    if (digest === void 0) throw new OrasError("INVALID_ARGUMENT", "content digest must be provided if it is read from stdin");
    desc = { mediaType: flags.mediaType, digest: parseDigest(digest), size };
    open10 = () => io.stdin;
  } else {
    const path = resolvePath6(io.cwd, fileRef);
    let actual;
    try {
      actual = (await stat8(path)).size;
    } catch (err) {
      throw new OrasError("INVALID_ARGUMENT", `failed to open ${fileRef}: ${err.message}`, { cause: err });
    }
    if (size >= 0 && size !== actual) throw new OrasError("INVALID_ARGUMENT", `input size ${size} does not match the actual content size ${actual}`);
    if (digest === void 0) {
      digest = (await digestFile(path)).digest;
    }
    desc = { mediaType: flags.mediaType, digest: parseDigest(digest), size: actual };
    open10 = () => lends ? reusedFileChunks(path) : createReadStream3(path);
  }
  const tty = useTTY(flags, io);
  const printer = new Printer(io.stdout, { verbose: flags.verbose !== false && !flags.descriptor, quiet: Boolean(flags.descriptor) || tty });
  const opened = await openWritableTarget(target2, flags, io, { scopeActions: ["pull", "push"] });
  const lends = opened.target instanceof Repository && !opened.target.isManifest(desc.mediaType);
  const o = { signal: io.signal };
  let progress = tty ? startProgress(io) : void 0;
  try {
    if (await opened.target.exists(desc, o)) {
      progress?.report(desc, Prompt.PushExists);
      printer.printStatus(desc, Prompt.PushExists);
    } else {
      progress?.start(desc, Prompt.Uploading);
      printer.printStatus(desc, Prompt.Uploading);
      await opened.target.push(desc, progress ? countBytes(open10(), (n2) => progress?.onProgress(desc, n2)) : open10(), o);
      progress?.done(desc, Prompt.Uploaded);
      printer.printStatus(desc, Prompt.Uploaded);
    }
    progress?.stop();
    progress = void 0;
    if (flags.descriptor) {
      printDescriptor(io, desc, flags.pretty);
      return;
    }
    printer.println("Pushed:", displayReference(target2));
    printer.println("Digest:", desc.digest);
  } finally {
    progress?.stop(true);
    opened.close();
  }
}
async function runBlobDelete(args, flags, io) {
  checkArgs(io, "blob delete", args, 1, 1);
  if (flags.descriptor && !flags.force) throw new OrasError("INVALID_ARGUMENT", "must apply --force to confirm the deletion if the descriptor is outputted");
  const target2 = parseTargetArg(args[0], flags);
  const opened = await openWritableTarget(target2, flags, io, { scopeActions: ["pull", "delete"] });
  const o = { signal: io.signal };
  try {
    const digest = blobDigest(target2, `${programName(io)} blob delete`, usageLine(io, "blob delete"));
    if (!canDelete(opened.target)) throw new OrasError("UNSUPPORTED", `${target2.raw}: the target does not support deletion`);
    let desc;
    try {
      desc = await resolveBlob(opened.target, digest, io.signal);
    } catch (err) {
      if (OrasError.is(err) && err.code === "NOT_FOUND") {
        if (flags.force && !flags.descriptor) {
          io.stdout.write(`Missing ${target2.raw}
`);
          return;
        }
        throw new OrasError("NOT_FOUND", `${target2.raw}: the specified blob does not exist`, { cause: err });
      }
      throw err;
    }
    const ok = await askForConfirmation(io, flags, `Are you sure you want to delete the blob "${desc.digest}"?`);
    if (!ok) return;
    try {
      await opened.target.delete(desc, o);
    } catch (err) {
      if (OrasError.is(err)) throw new OrasError(err.code, `failed to delete ${target2.raw}: ${err.message}`, { cause: err, ...err.hint ? { hint: err.hint } : {} });
      throw err;
    }
    if (flags.descriptor) printDescriptor(io, desc, flags.pretty);
    else io.stdout.write(`Deleted ${displayReference(target2)}
`);
  } finally {
    opened.close();
  }
}
var init_blob = __esm({
  "src/cli/commands/blob.ts"() {
    "use strict";
    init_pack();
    init_file_chunks();
    init_storage();
    init_verify();
    init_errors();
    init_digest();
    init_mediatypes();
    init_repository();
    init_printer();
    init_io();
    init_common();
    init_progress();
    init_distribution();
    init_remote();
  }
});

// src/api/manifest.ts
function platformOf(p) {
  return typeof p === "string" ? parseHostPlatform(p) : p;
}
async function resolve3(ref, opts = {}) {
  return withTarget(
    ref,
    opts,
    "read",
    ({ target: target2, parsed }) => resolveReference(target2, requireReference(parsed, "resolve"), { ...opOptions(opts), platform: platformOf(opts.platform) })
  );
}
async function fetchManifest(ref, opts = {}) {
  return withTarget(ref, opts, "read", async ({ target: target2, parsed }) => {
    const { desc, bytes } = await fetchManifestReference(target2, requireReference(parsed, "fetchManifest"), { ...opOptions(opts), platform: platformOf(opts.platform) });
    let manifest;
    return {
      descriptor: desc,
      bytes,
      get manifest() {
        manifest ??= { value: parseJSON(bytes, "manifest", "INVALID_MANIFEST") };
        return manifest.value;
      }
    };
  });
}
async function tag(ref, tags2, opts = {}) {
  return withTarget(ref, opts, "write", async ({ target: target2, parsed }) => {
    const o = opOptions(opts);
    const reference = requireReference(parsed, "tag");
    const { desc, bytes: fetched } = await fetchOrResolveReference(target2, reference, o);
    const bytes = isManifestMediaType(desc.mediaType) ? fetched : void 0;
    opts.onResolved?.(desc);
    if (tags2.length > 0) await tagN(target2, desc, bytes, tags2, { ...o, concurrency: opts.concurrency ?? 5, ...opts.onTagged ? { onTagged: opts.onTagged } : {} });
    return desc;
  });
}
async function discover(ref, opts = {}) {
  return withTarget(ref, opts, "read", async ({ target: target2, parsed }) => {
    const o = opOptions(opts);
    const root = await resolveReference(target2, requireReference(parsed, "discover"), { ...o, platform: platformOf(opts.platform) });
    return walkReferrers(target2, root, { ...o, ...opts.depth !== void 0 ? { depth: opts.depth } : {}, ...opts.artifactType ? { artifactType: opts.artifactType } : {} });
  });
}
var init_manifest2 = __esm({
  "src/api/manifest.ts"() {
    "use strict";
    init_referrers2();
    init_resolve();
    init_tag();
    init_json();
    init_mediatypes();
    init_platform();
    init_target();
  }
});

// src/cli/display/tree.ts
function resolvesToNonString(s2) {
  return s2 === "" || NULL_RE.test(s2) || BOOL_RE.test(s2) || OLD_BOOL_RE.test(s2) || INT_RE.test(s2) || FLOAT_RE.test(s2) || SPECIAL_FLOAT_RE.test(s2) || TIMESTAMP_RE.test(s2) || BASE60_RE.test(s2);
}
function plainAllowed(s2) {
  if (s2.startsWith("---") || s2.startsWith("...")) return false;
  if (/^[#,[\]{}&*!|>'"%@`]/.test(s2)) return false;
  if (/^[-?:](?:\s|$)/.test(s2)) return false;
  if (/^\s|\s$/.test(s2)) return false;
  if (s2.includes(": ") || s2.endsWith(":") || s2.includes(" #")) return false;
  return true;
}
function doubleQuoted(s2) {
  return `"${s2.replace(UNSAFE_OR_QUOTE, (c) => {
    switch (c) {
      case "\\":
        return "\\\\";
      case '"':
        return '\\"';
      case "\n":
        return "\\n";
      case "	":
        return "\\t";
      case "\r":
        return "\\r";
      default:
        return hexEscape(c);
    }
  })}"`;
}
function yamlScalar(s2) {
  if (hasUnsafeText(s2)) return doubleQuoted(s2);
  if (resolvesToNonString(s2)) return doubleQuoted(s2);
  if (!plainAllowed(s2)) return `'${s2.replace(/'/g, "''")}'`;
  return s2;
}
function yamlPair(key, value) {
  return `${yamlScalar(key)}: ${yamlScalar(value)}`;
}
var EDGE_EMPTY, EDGE_PIPE, EDGE_ITEM, EDGE_LAST, TreeNode, NULL_RE, BOOL_RE, OLD_BOOL_RE, INT_RE, FLOAT_RE, SPECIAL_FLOAT_RE, TIMESTAMP_RE, BASE60_RE, UNSAFE_OR_QUOTE;
var init_tree = __esm({
  "src/cli/display/tree.ts"() {
    "use strict";
    init_escape();
    EDGE_EMPTY = "    ";
    EDGE_PIPE = "│   ";
    EDGE_ITEM = "├── ";
    EDGE_LAST = "└── ";
    TreeNode = class _TreeNode {
      value;
      children = [];
      constructor(value) {
        this.value = value;
      }
      add(value) {
        const n2 = new _TreeNode(value);
        this.children.push(n2);
        return n2;
      }
      /** Walks (creating where missing) a chain of child values. */
      addPath(...values) {
        const [first, ...rest] = values;
        if (first === void 0) return this;
        const child = this.children.find((c) => c.value === first) ?? this.add(first);
        return child.addPath(...rest);
      }
      render() {
        const lines = [];
        const walk2 = (n2, prefix, lead) => {
          lines.push(`${lead}${n2.value}`);
          n2.children.forEach((c, i) => {
            const last = i === n2.children.length - 1;
            walk2(c, prefix + (last ? EDGE_EMPTY : EDGE_PIPE), prefix + (last ? EDGE_LAST : EDGE_ITEM));
          });
        };
        walk2(this, "", "");
        return `${lines.join("\n")}
`;
      }
    };
    NULL_RE = /^(?:~|null|Null|NULL)$/;
    BOOL_RE = /^(?:true|True|TRUE|false|False|FALSE)$/;
    OLD_BOOL_RE = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
    INT_RE = /^[-+]?(?:[0-9][0-9_]*|0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+)$/;
    FLOAT_RE = /^[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/;
    SPECIAL_FLOAT_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
    TIMESTAMP_RE = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;
    BASE60_RE = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
    UNSAFE_OR_QUOTE = new RegExp(`[\\\\"${UNSAFE_CHARS}]`, "g");
  }
});

// src/cli/commands/discover.ts
var discover_exports = {};
__export(discover_exports, {
  define: () => define5,
  renderTree: () => renderTree,
  runDiscover: () => runDiscover
});
function define5(cmd, io) {
  cmd.description("[Preview] Discover referrers of a manifest in a registry or an OCI image layout").usage("[flags] <name>{:<tag>|@<digest>}").argument("[args...]");
  addTargetFlags(cmd);
  addPlatformFlag(cmd);
  addDistributionSpecFlag(cmd);
  addCommonFlags(cmd, { verboseDefault: true });
  cmd.option("--format <format>", "[Experimental] format output using a custom template: 'tree', 'table', 'json', 'go-template'");
  cmd.option("--template <template>", "[Experimental] template used to format output");
  cmd.option("-o, --output <format>", "[Deprecated] format in which to display referrers (table, json, or tree).");
  cmd.option("--artifact-type <type>", "artifact type");
  cmd.option("--depth <n>", "[Experimental] level of referrers to display, if unused shows referrers of all levels");
  cmd.action((args, flags) => runDiscover(args, flags, io));
}
async function runDiscover(args, flags, io) {
  checkArgs(io, "discover", args, 1, 1);
  if (flags.format !== void 0 && flags.output !== void 0) throw new OrasError("INVALID_ARGUMENT", "--format, --output cannot be used at the same time");
  let depth = 0;
  if (flags.depth !== void 0) {
    depth = /^-?\d+$/.test(flags.depth) ? Number(flags.depth) : Number.NaN;
    if (Number.isNaN(depth)) throw new OrasError("INVALID_ARGUMENT", `invalid argument "${flags.depth}" for "--depth" flag: strconv.ParseInt: parsing "${flags.depth}": invalid syntax`);
    if (depth < 1) throw new OrasError("INVALID_ARGUMENT", "depth value should be at least 1");
  }
  const parsed = parseFormatType({ ...flags.format !== void 0 || flags.output !== void 0 ? { format: flags.format ?? flags.output } : {}, ...flags.template !== void 0 ? { template: flags.template } : {} }, TYPES);
  const kind = parsed.type;
  if (flags.output !== void 0) {
    if (kind !== "tree" && kind !== "json" && kind !== "table") throw new OrasError("INVALID_ARGUMENT", "output type can only be tree, table or json");
    io.stderr.write(`[DEPRECATED] --output is deprecated, try \`--format ${kind}\` instead
`);
  }
  if (kind === "table") {
    depth = 1;
    io.stderr.write('Format "table" is deprecated and will be removed in a future release.\n');
  }
  const format2 = kind === "json" ? { kind: "json" } : kind === "go-template" ? { kind: "go-template", template: parsed.template } : void 0;
  const referrersState = parseDistributionSpec(flags.distributionSpec);
  const target2 = parseTargetArg(args[0], flags);
  const platform2 = parsePlatformFlag(flags);
  const opened = await openReadableTarget(target2, flags, io, { scopeActions: ["pull"], ...referrersState ? { referrersState } : {} });
  try {
    ensureReference(target2, `${programName(io)} discover`, usageLine(io, "discover"));
    const tree = await discover(opened, { signal: io.signal, platform: platform2, depth, ...flags.artifactType ? { artifactType: flags.artifactType } : {} });
    const root = tree.descriptor;
    const verbose = flags.verbose !== false;
    if (kind === "tree") {
      io.stdout.write(renderTree(target2.name, tree, verbose, useTTY(flags, io)));
    } else if (kind === "table") {
      io.stdout.write(renderTable(target2.raw, root, tree.referrers.map((n2) => n2.descriptor), verbose));
    } else if (format2) {
      io.stdout.write(renderModel(format2, discoverModel(target2.name, tree)));
    }
  } finally {
    opened.close();
  }
}
function discoverModel(path, node) {
  return { ...descriptorModel(path, node.descriptor), referrers: node.referrers.map((r) => discoverModel(path, r)) };
}
function renderTree(path, tree, verbose, color) {
  const paint2 = (c, s2) => color ? `${c}${s2}${COLOR.reset}` : s2;
  const root = new TreeNode(paint2(COLOR.digest, `${path}@${tree.descriptor.digest}`));
  const add = (parent, node) => {
    for (const child of node.referrers) {
      const r = child.descriptor;
      const n2 = parent.addPath(paint2(COLOR.type, r.artifactType ? printable(r.artifactType) : "<unknown>"), paint2(COLOR.digest, r.digest));
      if (verbose && r.annotations && Object.keys(r.annotations).length > 0) {
        const a = n2.add(paint2(COLOR.annotations, "[annotations]"));
        for (const [k, v] of Object.entries(r.annotations)) a.addPath(yamlPair(k, v));
      }
      add(n2, child);
    }
  };
  add(root, tree);
  return root.render();
}
function renderTable(raw, root, referrers3, verbose) {
  const n2 = referrers3.length;
  let out = `Discovered ${n2} ${n2 === 1 ? "artifact" : "artifacts"} referencing ${raw}
Digest: ${root.digest}
`;
  if (n2 === 0) return out;
  out += "\n";
  const title2 = "Artifact Type";
  const types = referrers3.map((r) => printable(r.artifactType ?? ""));
  const width = Math.max(title2.length, ...types.map((t) => t.length));
  const row = (k, v) => `${k} ${" ".repeat(width - k.length + 1)} ${v}
`;
  out += row(title2, "Digest");
  for (const [i, r] of referrers3.entries()) {
    out += row(types[i] ?? "", r.digest);
    if (verbose) out += printableJSON(prettyJSON(encodeDescriptor(r)));
  }
  return out;
}
var TYPES, COLOR;
var init_discover = __esm({
  "src/cli/commands/discover.ts"() {
    "use strict";
    init_errors();
    init_manifest2();
    init_json();
    init_json2();
    init_tree();
    init_io();
    init_common();
    init_distribution();
    init_format();
    init_platform3();
    init_remote();
    init_escape();
    TYPES = ["tree", "table", "json", "go-template"];
    COLOR = { type: "\x1B[93m", digest: "\x1B[32m", annotations: "\x1B[90m", reset: "\x1B[0m" };
  }
});

// src/api/login.ts
function storeFor(source) {
  const store = credentialStoreOf(source);
  if (!store) throw new OrasError("INVALID_ARGUMENT", "login/logout need a credential store: credentials must not be false");
  return store;
}
async function checkLogin(registry, credential, opts = {}) {
  const reg = new Registry(registry, { ...repositoryOptions({ ...opts, credentials: false }, registry), credential: staticCredential(credential, registry) });
  try {
    await reg.ping(opOptions(opts));
  } finally {
    reg.close();
  }
}
async function login(registry, credential, opts = {}) {
  const store = storeFor(opts.credentials);
  if (opts.validate !== false) {
    const { credentials: _c, validate: _v, ...rest } = opts;
    await checkLogin(registry, credential, rest);
  }
  const address = serverAddressFromRegistry(registry);
  await store.put(address, credential);
  return address;
}
async function logout(registry, opts = {}) {
  await storeFor(opts.credentials).delete(serverAddressFromRegistry(registry));
}
var init_login = __esm({
  "src/api/login.ts"() {
    "use strict";
    init_errors();
    init_credentials();
    init_registry();
    init_target();
  }
});

// src/cli/commands/login.ts
var login_exports = {};
__export(login_exports, {
  define: () => define6,
  loginCredential: () => loginCredential,
  runLogin: () => runLogin
});
function define6(cmd, io) {
  cmd.description("Log in to a remote registry").usage("[flags] <registry>").argument("[args...]");
  addRemoteFlags(cmd);
  addCommonFlags(cmd, { tty: false });
  cmd.action((args, flags) => runLogin(args, flags, io));
}
async function loginCredential(flags, io) {
  const given = await flagCredential(flags, io, true);
  if (given !== void 0 && (given.password !== void 0 || given.refreshToken !== void 0)) return given;
  let username = flags.username ?? "";
  if (username === "") username = (await promptLine(io, "Username: ", false)).trim();
  if (username === "") {
    const token = await promptLine(io, "Token: ", true);
    if (token === "") throw new OrasError("INVALID_ARGUMENT", "token required");
    return { refreshToken: token };
  }
  const password = await promptLine(io, "Password: ", true);
  if (password === "") throw new OrasError("INVALID_ARGUMENT", "password required");
  return { username, password };
}
async function runLogin(args, flags, io) {
  checkArgs(io, "login", args, 1, 1);
  const hostname2 = args[0];
  validateRemoteFlags(flags);
  const store = credentialStoreFor(flags, io);
  const cred = await loginCredential(flags, io);
  try {
    await checkLogin(hostname2, cred, connectionOptions(flags, io));
  } catch (err) {
    throw describeConnectionError(err, `failed to validate the credentials for ${hostname2}`, flags);
  }
  const address = serverAddressFromRegistry(hostname2);
  try {
    await login(hostname2, cred, { validate: false, credentials: store });
  } catch (err) {
    const e = OrasError.is(err) ? err : void 0;
    throw new OrasError(e?.code ?? "INVALID_ARGUMENT", `failed to store the credentials for ${address}: ${err.message ?? String(err)}`, { cause: err });
  }
  io.stdout.write("Login Succeeded\n");
}
var init_login2 = __esm({
  "src/cli/commands/login.ts"() {
    "use strict";
    init_errors();
    init_login();
    init_credentials();
    init_common();
    init_remote();
  }
});

// src/cli/commands/logout.ts
var logout_exports = {};
__export(logout_exports, {
  define: () => define7,
  runLogout: () => runLogout
});
function define7(cmd, io) {
  cmd.description("Log out from a remote registry").usage("[flags] <registry>").argument("[args...]").option("-d, --debug", "output debug logs").option("--registry-config <path>", "path of the authentication file for registry (repeatable)", collect);
  cmd.action((args, flags) => runLogout(args, flags, io));
}
async function runLogout(args, flags, io) {
  checkArgs(io, "logout", args, 1, 1);
  const address = serverAddressFromRegistry(args[0]);
  const store = credentialStoreFor(flags, io);
  try {
    await logout(args[0], { credentials: store });
  } catch (err) {
    const e = OrasError.is(err) ? err : void 0;
    throw new OrasError(e?.code ?? "INVALID_ARGUMENT", `failed to remove the credentials for ${address}: ${err.message ?? String(err)}`, { cause: err });
  }
}
var init_logout = __esm({
  "src/cli/commands/logout.ts"() {
    "use strict";
    init_login();
    init_errors();
    init_credentials();
    init_common();
    init_remote();
  }
});

// src/cli/commands/manifest.ts
var manifest_exports = {};
__export(manifest_exports, {
  define: () => define8,
  fetchedModelJSON: () => fetchedModelJSON,
  runManifestDelete: () => runManifestDelete,
  runManifestFetch: () => runManifestFetch,
  runManifestFetchConfig: () => runManifestFetchConfig,
  runManifestPush: () => runManifestPush
});
import { readFile as readFile4 } from "node:fs/promises";
import { resolve as resolvePath7 } from "node:path";
function define8(cmd, io) {
  cmd.description("Manifest operations").usage("[command]");
  const del = cmd.command("delete").aliases(["remove", "rm"]).summary("Delete a manifest from remote registry").description("Delete a manifest from remote registry");
  del.usage("[flags] <name>{:<tag>|@<digest>}").argument("[args...]");
  addTargetFlags(del);
  addDescriptorFlags(del);
  addConfirmationFlag(del);
  addDistributionSpecFlag(del);
  addCommonFlags(del, { tty: false });
  del.action((args, flags) => runManifestDelete(args, flags, io));
  const fetch = cmd.command("fetch").aliases(["get", "show"]).summary("Fetch manifest of the target artifact").description("Fetch manifest of the target artifact");
  fetch.usage("[flags] <name>{:<tag>|@<digest>}").argument("[args...]");
  addTargetFlags(fetch);
  addDescriptorFlags(fetch);
  addPlatformFlag(fetch);
  addFormatFlags(fetch);
  addCommonFlags(fetch, { tty: false });
  fetch.option("--media-type <types>", "accepted media types", (v, prev) => collect(v, prev).flatMap((x) => x.split(",")));
  fetch.option("-o, --output <path>", "file `path` to write the fetched manifest to, use - for stdout");
  fetch.action((args, flags) => runManifestFetch(args, flags, io));
  const fc = cmd.command("fetch-config").alias("get-config").summary("Fetch the config of a manifest from a registry or an OCI image layout");
  fc.description("Fetch the config of a manifest from a registry or an OCI image layout").usage("[flags] <name>{:<tag>|@<digest>}").argument("[args...]");
  addTargetFlags(fc);
  addDescriptorFlags(fc);
  addPlatformFlag(fc);
  addCommonFlags(fc, { tty: false });
  fc.option("-o, --output <path>", "file `path` to write the fetched config to, use - for stdout");
  fc.action((args, flags) => runManifestFetchConfig(args, flags, io));
  const push2 = cmd.command("push").summary("Push a manifest to a registry or an OCI image layout").description("Push a manifest to a registry or an OCI image layout");
  push2.usage("[flags] <name>[:<tag>[,<tag>][...]|@<digest>] <file>").argument("[args...]");
  addTargetFlags(push2);
  addDescriptorFlags(push2);
  addDistributionSpecFlag(push2);
  addCommonFlags(push2, { verboseDefault: true, tty: false });
  push2.option("--media-type <type>", "media type of manifest");
  push2.option("--concurrency <n>", "concurrency level", parseConcurrency, 5);
  push2.action((args, flags) => runManifestPush(args, flags, io));
  const index2 = cmd.command("index").summary("[Experimental] Index operations").description("[Experimental] Index operations");
  index2.helpOption(false).allowUnknownOption().allowExcessArguments().argument("[args...]");
  index2.addOption(new Option("-h, --help").hideHelp());
  index2.action(async (_args, _flags, self) => {
    let mod;
    try {
      mod = await import(INDEX_MODULE);
    } catch (err) {
      throw new OrasError("UNSUPPORTED", "manifest index commands are not available in this build", { cause: err });
    }
    const sub = self.parent.createCommand(`${programName(io)} manifest index`);
    sub.exitOverride().configureOutput({ writeOut: (s2) => io.stdout.write(s2), writeErr: (s2) => io.stderr.write(s2), outputError: () => {
    } });
    mod.define(sub, io);
    const raw = self.parent?.args ?? [];
    const at = raw.indexOf("index");
    await sub.parseAsync(at >= 0 ? raw.slice(at + 1) : self.args, { from: "user" });
  });
}
function rethrowAs(prefix, err) {
  if (OrasError.is(err)) throw new OrasError(err.code, `${prefix}: ${err.message}`, { cause: err, ...err.hint ? { hint: err.hint } : {} });
  throw err;
}
function fetchedContent(content) {
  checkJSONDepth(content, "manifest", "INVALID_MANIFEST");
  try {
    const v = JSON.parse(Buffer.from(content).toString("utf8"));
    return v !== null && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
function fetchedModelJSON(path, desc, content) {
  const fields2 = Object.entries(descriptorModel(path, desc)).map(([k, v]) => `${goString(k)}:${goValue(v)}`);
  return indentJSON(`{${fields2.join(",")},"content":${goValue(fetchedContent(content))}}`);
}
async function runManifestFetch(args, flags, io) {
  checkArgs(io, "manifest fetch", args, 1, 1);
  const format2 = parseFormat(flags);
  if (flags.output === "-" && format2.kind !== "text") throw new OrasError("INVALID_ARGUMENT", `\`--output -\` cannot be used with \`--format ${flags.format}\` at the same time`);
  if (flags.output === "-" && flags.descriptor) throw new OrasError("INVALID_ARGUMENT", "`--descriptor` cannot be used with `--output -` at the same time");
  if (flags.format !== void 0 && flags.pretty) throw new OrasError("INVALID_ARGUMENT", "--format, --pretty cannot be used at the same time");
  if (flags.format !== void 0 && flags.descriptor) throw new OrasError("INVALID_ARGUMENT", "--format, --descriptor cannot be used at the same time");
  const target2 = parseTargetArg(args[0], flags);
  const platform2 = parsePlatformFlag(flags);
  if (target2.kind === "oci-layout" && flags.mediaType) throw new OrasError("INVALID_ARGUMENT", "`--media-type` cannot be used with `--oci-layout` at the same time");
  const opened = await openReadableTarget(target2, flags, io, { scopeActions: ["pull"], ...flags.mediaType ? { manifestMediaTypes: flags.mediaType } : {} }, true);
  const o = { signal: io.signal, platform: platform2 };
  try {
    ensureReference(target2, `${programName(io)} manifest fetch`, usageLine(io, "manifest fetch"));
    if (flags.descriptor && !flags.output) {
      let desc2;
      try {
        desc2 = await resolve3(opened, o);
      } catch (err) {
        rethrowAs(`failed to find ${JSON.stringify(target2.raw)}`, err);
      }
      printDescriptor(io, desc2, flags.pretty);
      return;
    }
    let fetched;
    try {
      fetched = await fetchManifest(opened, o);
    } catch (err) {
      rethrowAs(`failed to fetch the content of ${JSON.stringify(target2.raw)}`, err);
    }
    const { descriptor: desc, bytes } = fetched;
    const toFile = flags.output !== void 0 && flags.output !== "" && flags.output !== "-";
    if (toFile) await writeFileAtomic(resolvePath7(io.cwd, flags.output), bytes, { mode: 438 });
    else if (format2.kind === "text") printJSON(io, bytes, flags.pretty);
    if (format2.kind === "json") io.stdout.write(fetchedModelJSON(target2.name, desc, bytes));
    else if (format2.kind === "go-template") {
      io.stdout.write(renderModel(format2, { ...descriptorModel(target2.name, desc), content: fetchedContent(bytes) }));
    } else if (flags.descriptor) printDescriptor(io, desc, flags.pretty);
  } finally {
    opened.close();
  }
}
async function runManifestFetchConfig(args, flags, io) {
  checkArgs(io, "manifest fetch-config", args, 1, 1);
  if (flags.output === "-" && flags.descriptor) throw new OrasError("INVALID_ARGUMENT", "`--output -` cannot be used with `--descriptor` at the same time");
  const target2 = parseTargetArg(args[0], flags);
  const platform2 = parsePlatformFlag(flags);
  const opened = await openReadableTarget(target2, flags, io, { scopeActions: ["pull"] }, true);
  const o = { signal: io.signal };
  try {
    ensureReference(target2, `${programName(io)} manifest fetch-config`, usageLine(io, "manifest fetch-config"));
    const { descriptor: desc, bytes } = await fetchManifest(opened, { ...o, platform: platform2 });
    if (desc.mediaType !== MediaType.ImageManifest && desc.mediaType !== MediaType.DockerManifest) {
      throw new OrasError("UNSUPPORTED", `"${desc.digest}" is not an image manifest and does not have a config`);
    }
    const p = parseManifest(bytes, desc.mediaType);
    if (p.kind !== "manifest") throw new OrasError("INVALID_MANIFEST", `"${desc.digest}" is not an image manifest and does not have a config`);
    const config = p.manifest.config;
    if (!flags.descriptor || flags.output) {
      const content = await fetchBytes(opened.target, config, { ...o, limit: MAX_MANIFEST_BYTES });
      if (!flags.output || flags.output === "-") printJSON(io, content, flags.pretty);
      else await writeFileAtomic(resolvePath7(io.cwd, flags.output), content, { mode: 438 });
    }
    if (flags.descriptor) printDescriptor(io, config, flags.pretty);
  } finally {
    opened.close();
  }
}
async function runManifestPush(args, flags, io) {
  checkArgs(io, "manifest push", args, 2, 2);
  const fileRef = args[1];
  if (fileRef === "-") {
    if (flags.passwordStdin) throw new OrasError("INVALID_ARGUMENT", "`-` read file from input and `--password-stdin` read password from input cannot be both used");
    if (flags.identityTokenStdin) {
      throw new OrasError("INVALID_ARGUMENT", "`-` read file from input and `--identity-token-stdin` read identity token from input cannot be both used");
    }
  }
  const { ref: rawRef, extraTags } = splitTagList(args[0]);
  const target2 = parseTargetArg(rawRef, flags);
  const referrersState = parseDistributionSpec(flags.distributionSpec);
  let content;
  try {
    content = fileRef === "-" ? await readAllLimited(io.stdin, MAX_MANIFEST_BYTES, "manifest") : await readFile4(resolvePath7(io.cwd, fileRef));
  } catch (err) {
    rethrowAs(`failed to read ${fileRef}`, err);
  }
  if (content.length > MAX_MANIFEST_BYTES) throw new OrasError("SIZE_EXCEEDS_LIMIT", `${fileRef}: manifest size ${content.length} exceeds the limit of ${MAX_MANIFEST_BYTES} bytes`);
  let mediaType = flags.mediaType ?? "";
  if (mediaType === "") {
    mediaType = declaredMediaType(content) ?? "";
    if (mediaType === "") {
      throw new OrasError("INVALID_ARGUMENT", `media type is not specified via the flag "--media-type" nor in ${JSON.stringify(fileRef)}`, {
        hint: `Usage: ${usageLine(io, "manifest push")}
Please specify a valid media type in the manifest JSON or via the "--media-type" flag`
      });
    }
  }
  const desc = descriptorFromBytes(mediaType, content);
  const printer = new Printer(io.stdout, { verbose: flags.verbose !== false, quiet: Boolean(flags.descriptor) });
  const opened = await openWritableTarget(target2, flags, io, { scopeActions: ["pull", "push"], ...referrersState ? { referrersState } : {} });
  const o = { signal: io.signal };
  try {
    const ref = target2.reference || desc.digest;
    let match = false;
    try {
      match = (await opened.target.resolve(ref, o)).digest === desc.digest;
    } catch (err) {
      if (!(OrasError.is(err) && err.code === "NOT_FOUND")) throw err;
    }
    if (match) {
      printer.printStatus(desc, Prompt.PushExists);
    } else {
      printer.printStatus(desc, Prompt.Uploading);
      await tagRoot(opened.target, desc, content, ref, o);
      printer.printStatus(desc, Prompt.Uploaded);
    }
    if (flags.descriptor) {
      if (extraTags.length > 0) await tagN(opened.target, desc, content, extraTags, { ...o, concurrency: flags.concurrency });
      printDescriptor(io, desc, flags.pretty);
      return;
    }
    printer.println("Pushed:", displayReference(target2));
    if (extraTags.length > 0) {
      await tagN(opened.target, desc, content, extraTags, { ...o, concurrency: flags.concurrency, onTagged: (t) => printer.println("Tagged", t) });
    }
    printer.println("Digest:", desc.digest);
  } finally {
    opened.close();
  }
}
async function runManifestDelete(args, flags, io) {
  checkArgs(io, "manifest delete", args, 1, 1);
  if (flags.descriptor && !flags.force) throw new OrasError("INVALID_ARGUMENT", "must apply --force to confirm the deletion if the descriptor is outputted");
  const referrersState = parseDistributionSpec(flags.distributionSpec);
  const target2 = parseTargetArg(args[0], flags);
  const actions = referrersState === "supported" ? ["pull", "delete"] : ["pull", "delete", "push"];
  const opened = await openWritableTarget(target2, flags, io, { scopeActions: actions, ...referrersState ? { referrersState } : {} });
  const o = { signal: io.signal };
  try {
    ensureReference(target2, `${programName(io)} manifest delete`, usageLine(io, "manifest delete"));
    if (!canDelete(opened.target)) throw new OrasError("UNSUPPORTED", `${target2.raw}: the target does not support deletion`);
    let desc;
    try {
      desc = await opened.target.resolve(target2.reference, o);
    } catch (err) {
      if (OrasError.is(err) && err.code === "NOT_FOUND") {
        if (flags.force && !flags.descriptor) {
          io.stdout.write(`Missing ${target2.raw}
`);
          return;
        }
        throw new OrasError("NOT_FOUND", `${target2.raw}: the specified manifest does not exist`, { cause: err });
      }
      throw err;
    }
    const ok = await askForConfirmation(io, flags, `Are you sure you want to delete the manifest "${desc.digest}" and all tags associated with it?`);
    if (!ok) return;
    try {
      await opened.target.delete({ mediaType: desc.mediaType, digest: desc.digest, size: desc.size }, o);
    } catch (err) {
      rethrowAs(`failed to delete ${target2.raw}`, err);
    }
    if (flags.descriptor) printDescriptor(io, desc, flags.pretty);
    else io.stdout.write(`Deleted ${displayReference(target2)}
`);
  } finally {
    opened.close();
  }
}
var INDEX_MODULE;
var init_manifest3 = __esm({
  "src/cli/commands/manifest.ts"() {
    "use strict";
    init_manifest2();
    init_esm();
    init_fsutil();
    init_storage();
    init_verify();
    init_errors();
    init_tag();
    init_copy();
    init_descriptor();
    init_json();
    init_manifest();
    init_mediatypes();
    init_reference();
    init_json2();
    init_printer();
    init_io();
    init_common();
    init_distribution();
    init_format();
    init_platform3();
    init_remote();
    INDEX_MODULE = "./manifest-index.js";
  }
});

// src/graph/pull.ts
async function pull(src, reference, dst, opts = {}) {
  const notified = /* @__PURE__ */ new Set();
  const once2 = (desc, fn) => {
    const key = contentKey(desc) + (titleOf(desc) ?? "");
    if (notified.has(key)) return;
    notified.add(key);
    fn?.(desc);
  };
  const files = [];
  const filesSeen = /* @__PURE__ */ new Set();
  let layerSkipped = false;
  const record = (name, desc) => {
    if (filesSeen.has(name)) return;
    filesSeen.add(name);
    files.push({ name, desc });
    opts.onFilePulled?.(name, desc);
  };
  let configTitled = false;
  const findSuccessors = async (cache, desc, o) => {
    if (!isManifestMediaType(desc.mediaType)) return [];
    once2(desc, opts.onDownloading);
    const raw = await cache.fetchBytes(desc, o);
    opts.onProcessing?.(desc);
    const parsed = parseManifest(raw, desc.mediaType);
    const nodes = [];
    let subject;
    let config;
    switch (parsed.kind) {
      case "manifest":
        subject = parsed.mediaType === "application/vnd.oci.image.manifest.v1+json" ? parsed.manifest.subject : void 0;
        config = parsed.manifest.config;
        nodes.push(...parsed.manifest.layers);
        break;
      case "index":
        subject = parsed.index.subject;
        nodes.push(...parsed.index.manifests);
        break;
      case "artifact":
        subject = parsed.artifact.subject;
        nodes.push(...parsed.artifact.blobs);
        break;
    }
    if (subject && opts.includeSubject) nodes.push(subject);
    if (config) {
      if (!configTitled && opts.configName && (!opts.configMediaType || opts.configMediaType === config.mediaType)) {
        configTitled = true;
        config = { ...config, annotations: { ...config.annotations, "org.opencontainers.image.title": opts.configName } };
      }
      if (!sameContent({ ...config, mediaType: EMPTY_JSON_DESCRIPTOR.mediaType }, EMPTY_JSON_DESCRIPTOR) || titleOf(config)) nodes.push(config);
    }
    for (const s2 of nodes) {
      if (titleOf(s2)?.includes("\0")) {
        throw new OrasError("INVALID_ARGUMENT", `${desc.digest}: the file name (org.opencontainers.image.title) of ${s2.digest} contains a NUL character`);
      }
    }
    const out = [];
    for (const s2 of nodes) {
      if (!titleOf(s2)) {
        if (sameContent(s2, EMPTY_JSON_DESCRIPTOR)) continue;
        layerSkipped = true;
        opts.onLayerSkipped?.(s2);
        if (!isManifestMediaType(s2.mediaType)) {
          once2(s2, opts.onSkipped);
          continue;
        }
      }
      out.push(s2);
    }
    return out;
  };
  const root = await copy(src, reference, dst, reference, {
    signal: opts.signal,
    ...opts.concurrency ? { concurrency: opts.concurrency } : {},
    ...opts.mapRoot ? { mapRoot: opts.mapRoot } : {},
    ...opts.onProgress ? { onProgress: opts.onProgress } : {},
    findSuccessors,
    preCopy: (d) => once2(d, opts.onDownloading),
    postCopy: async (d) => {
      const title2 = titleOf(d);
      if (title2 !== void 0) record(title2, d);
      if (isManifestMediaType(d.mediaType)) {
        for (const s2 of await findTitled(dst, d, opts)) {
          record(titleOf(s2), s2);
          once2(s2, opts.onRestored);
        }
      }
      notified.add(contentKey(d) + (titleOf(d) ?? ""));
      opts.onDownloaded?.(d);
    }
  });
  return { root, files, layerSkipped };
}
async function findTitled(dst, manifest, opts) {
  const parsed = parseManifest(await fetchBytes(dst, manifest, opts), manifest.mediaType);
  const list3 = parsed.kind === "manifest" ? parsed.manifest.layers : parsed.kind === "artifact" ? parsed.artifact.blobs : [];
  return list3.filter((d) => titleOf(d) !== void 0);
}
var init_pull = __esm({
  "src/graph/pull.ts"() {
    "use strict";
    init_verify();
    init_errors();
    init_descriptor();
    init_mediatypes();
    init_manifest();
    init_copy();
  }
});

// src/api/pull.ts
import { isAbsolute as isAbsolute4, join as join13, normalize as normalize3, resolve as resolvePath8 } from "node:path";
async function pull2(ref, opts = {}) {
  const output = resolvePath8(opts.cwd ?? process.cwd(), opts.output ?? ".");
  const platform2 = typeof opts.platform === "string" ? parseHostPlatform(opts.platform) : opts.platform;
  const config = typeof opts.config === "string" ? parsePushFile(opts.config) : opts.config;
  const input2 = typeof ref === "string" ? parsedInput(ref, opts) : ref;
  const reference = requireReference(parsedInput(input2, opts), "pull");
  const emit = progressSink(opts);
  const hooks = opts.hooks ?? {};
  const on = (type, hook) => emit || hook ? (d) => {
    emit?.(type, d);
    hook?.(d);
  } : void 0;
  const events = {
    onDownloading: on("start", hooks.onDownloading),
    onDownloaded: on("done", hooks.onDownloaded),
    onSkipped: on("skipped", hooks.onSkipped),
    onRestored: on("exists", hooks.onRestored),
    onProcessing: hooks.onProcessing,
    onFilePulled: hooks.onFilePulled,
    onLayerSkipped: hooks.onLayerSkipped,
    onProgress: emit || hooks.onProgress ? (d, bytes) => {
      emit?.("bytes", d, bytes);
      hooks.onProgress?.(d, bytes);
    } : void 0
  };
  return withTarget(input2, opts, "read", async ({ target: target2, parsed }) => {
    const store = new FileStore(output, {
      allowPathTraversal: opts.allowPathTraversal === true,
      keepOldFiles: opts.keepOldFiles === true,
      ...opts.syncSmallFiles ? { syncSmallFiles: true } : {},
      ...opts.maxExtractSize !== void 0 ? { maxExtractSize: opts.maxExtractSize } : {}
    });
    try {
      const result = await pull(target2, reference, store, {
        ...opOptions(opts),
        concurrency: opts.concurrency ?? 3,
        ...opts.includeSubject ? { includeSubject: true } : {},
        ...config ? { configName: config.path, configMediaType: config.mediaType ?? "" } : {},
        ...platform2 ? { mapRoot: (cache, root2, o) => selectPlatformManifest(cache, root2, platform2, o) } : {},
        ...Object.fromEntries(Object.entries(events).filter(([, v]) => v !== void 0))
      });
      const files = result.files.map(({ name, desc }) => ({
        path: isAbsolute4(name) ? normalize3(name) : join13(output, name),
        name,
        digest: desc.digest,
        size: desc.size,
        mediaType: desc.mediaType,
        descriptor: desc
      }));
      const root = result.root;
      return {
        digest: root.digest,
        mediaType: root.mediaType,
        size: root.size,
        reference: canonicalReference(parsed, root.digest),
        descriptor: root,
        files,
        skippedLayers: result.layerSkipped
      };
    } finally {
      await store.close();
    }
  });
}
var init_pull2 = __esm({
  "src/api/pull.ts"() {
    "use strict";
    init_file();
    init_platform2();
    init_pull();
    init_platform();
    init_progress2();
    init_push2();
    init_target();
  }
});

// src/cli/options/chunk-size.ts
function parseByteSize(flag, raw, min = 1) {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*$/.exec(raw);
  const unit = m ? UNITS2[(m[2] ?? "").toLowerCase()] : void 0;
  const n2 = m && unit !== void 0 ? Math.floor(Number(m[1]) * unit) : Number.NaN;
  if (!Number.isSafeInteger(n2) || n2 < min) {
    throw new OrasError("INVALID_ARGUMENT", `invalid ${flag} ${JSON.stringify(raw)}: expected a ${min > 0 ? "positive " : ""}byte count such as 16MiB`);
  }
  return n2;
}
function parseChunkSize(raw) {
  return parseByteSize("--chunk-size", raw);
}
var UNITS2;
var init_chunk_size = __esm({
  "src/cli/options/chunk-size.ts"() {
    "use strict";
    init_errors();
    UNITS2 = {
      "": 1,
      b: 1,
      k: 1024,
      kb: 1e3,
      kib: 1024,
      m: 1024 ** 2,
      mb: 1e3 ** 2,
      mib: 1024 ** 2,
      g: 1024 ** 3,
      gb: 1e3 ** 3,
      gib: 1024 ** 3,
      t: 1024 ** 4,
      tb: 1e3 ** 4,
      tib: 1024 ** 4
    };
  }
});

// src/cli/commands/pull.ts
var pull_exports = {};
__export(pull_exports, {
  define: () => define9,
  runPull: () => runPull
});
import { resolve as resolvePath9, sep as sep4 } from "node:path";
function define9(cmd, io) {
  cmd.description("Pull files from a registry or an OCI image layout").usage("[flags] <name>{:<tag>|@<digest>}").argument("[args...]");
  addTargetFlags(cmd);
  addPlatformFlag(cmd);
  addFormatFlags(cmd);
  addCommonFlags(cmd, { verboseDefault: true });
  cmd.option("-o, --output <path>", "output directory", ".");
  cmd.option("-k, --keep-old-files", "do not replace existing files when pulling, treat them as errors");
  cmd.option("-T, --allow-path-traversal", "allow storing files out of the output directory");
  cmd.option("--include-subject", "[Preview] recursively pull the subject of artifacts");
  cmd.option("--config <path[:type]>", "output manifest config file");
  cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 3);
  cmd.option(
    "--max-extract-size <bytes>",
    "[oras-ts] bytes one directory layer may expand to (e.g. 50GiB; 0: no limit); default 1GiB + 100 × its compressed size",
    (raw) => parseByteSize("--max-extract-size", raw, 0)
  );
  cmd.addOption(new Option("-a, --allow-all", "[Deprecated] no effect: every titled layer is pulled").hideHelp());
  cmd.action((args, flags) => runPull(args, flags, io));
}
async function runPull(args, flags, io) {
  if (flags.allowAll) io.stderr.write("Flag --allow-all has been deprecated, and has no effect: every layer with a file name is pulled.\n");
  checkArgs(io, "pull", args, 1, 1);
  const format2 = parseFormat(flags);
  const target2 = parseTargetArg(args[0], flags);
  if (target2.reference === "") {
    throw new OrasError("INVALID_REFERENCE", `invalid reference: no tag or digest specified in ${JSON.stringify(target2.raw)}`, {
      hint: `Please specify a tag or digest, e.g. ${target2.raw}:latest`
    });
  }
  const platform2 = parsePlatformFlag(flags);
  const config = flags.config !== void 0 ? parseFileRef(flags.config, "") : void 0;
  const outputDir = resolvePath9(io.cwd, flags.output);
  const tty = format2.kind === "text" && useTTY(flags, io);
  const printer = new Printer(io.stdout, { verbose: flags.verbose !== false, quiet: format2.kind !== "text" || tty });
  const options = await targetOptions(target2, flags, io);
  let progress = tty ? startProgress(io) : void 0;
  try {
    const result = await pull2(target2, {
      ...options,
      ...orasCache(io),
      output: outputDir,
      allowPathTraversal: Boolean(flags.allowPathTraversal),
      keepOldFiles: Boolean(flags.keepOldFiles),
      // the CLI takes the synchronous small-file path (many small files: no thread-pool hand-off per file)
      syncSmallFiles: true,
      ...flags.maxExtractSize !== void 0 ? { maxExtractSize: flags.maxExtractSize } : {},
      concurrency: flags.concurrency,
      ...flags.includeSubject ? { includeSubject: true } : {},
      ...config ? { config: { path: config.path, mediaType: config.mediaType } } : {},
      ...platform2 ? { platform: platform2 } : {},
      hooks: {
        onDownloading: (d) => {
          if (!isManifestMediaType(d.mediaType)) progress?.start(d, Prompt.Downloading);
          printer.printStatus(d, Prompt.Downloading);
        },
        onProcessing: (d) => printer.printStatus(d, Prompt.Processing),
        onDownloaded: (d) => {
          progress?.done(d, Prompt.Pulled);
          printer.printStatus(d, Prompt.Downloaded);
        },
        onSkipped: (d) => {
          progress?.report(d, Prompt.PullSkipped);
          printer.printStatus(d, Prompt.PullSkipped);
        },
        onRestored: (d) => {
          progress?.report(d, Prompt.Restored);
          printer.printStatus(d, Prompt.Restored);
        },
        ...progress ? { onProgress: trackBytes(progress, Prompt.Downloading) } : {}
      }
    });
    progress?.stop();
    progress = void 0;
    const path = target2.name;
    if (format2.kind === "text") {
      if (result.skippedLayers) {
        printer.println(`Skipped pulling layers without file name in "org.opencontainers.image.title"`);
        printer.println(`Use '${programName(io)} copy ${target2.raw} --to-oci-layout <layout-dir>' to pull all layers.`);
      } else {
        printer.println("Pulled", displayReference(target2));
        printer.println("Digest:", result.digest);
      }
    } else {
      const model = {
        reference: `${path}@${result.digest}`,
        files: result.files.length === 0 ? null : result.files.map((f2) => ({
          path: f2.descriptor.annotations?.["io.deis.oras.content.unpack"] === "true" ? f2.path + sep4 : f2.path,
          ...descriptorModel(path, f2.descriptor)
        }))
      };
      io.stdout.write(renderModel(format2, model));
    }
  } catch (err) {
    if (target2.kind === "registry" && OrasError.is(err) && err.code === "NOT_FOUND" && err.message === `${target2.raw}: not found`) {
      throw new OrasError("NOT_FOUND", `failed to perform "FetchReference" on source: ${err.message}`, { cause: err });
    }
    if (hasCode(err, "PATH_TRAVERSAL") && OrasError.is(err) && !err.hint) {
      throw new OrasError("PATH_TRAVERSAL", err.message, { cause: err, hint: TRAVERSAL_HINT });
    }
    throw err;
  } finally {
    progress?.stop(true);
  }
}
var TRAVERSAL_HINT;
var init_pull3 = __esm({
  "src/cli/commands/pull.ts"() {
    "use strict";
    init_esm();
    init_pull2();
    init_errors();
    init_json2();
    init_printer();
    init_progress();
    init_mediatypes();
    init_io();
    init_common();
    init_chunk_size();
    init_format();
    init_packer();
    init_platform3();
    init_remote();
    TRAVERSAL_HINT = "Pulling files outside of working directory is insecure and blocked by default. If you trust the content producer, use --allow-path-traversal to bypass this check.";
  }
});

// src/cli/commands/push.ts
var push_exports = {};
__export(push_exports, {
  define: () => define10,
  runPush: () => runPush
});
import { relative as relative2 } from "node:path";
function define10(cmd, io) {
  cmd.description("Push files to a registry or an OCI image layout").usage("[flags] <name>[:<tag>[,<tag>][...]] <file>[:<type>] [...]").argument("[args...]");
  addTargetFlags(cmd);
  addPackerFlags(cmd);
  addFormatFlags(cmd);
  addCommonFlags(cmd, { verboseDefault: true });
  cmd.option("--config <path[:type]>", "path of image config file");
  cmd.addOption(new Option("--manifest-config <path[:type]>", "alias of --config").hideHelp());
  cmd.option("--artifact-type <type>", "artifact type");
  cmd.option("--artifact-platform <platform>", "[Experimental] set the artifact platform in the format of <os>[/<arch>][/<variant>][:<os_version>]");
  cmd.option("--image-spec <spec>", "[Preview] specify manifest type for building artifact. Options: v1.1, v1.0");
  cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 5);
  cmd.option("--chunk-size <bytes>", "[oras-ts] upload blobs in resumable PATCH chunks of this size (e.g. 16MiB); default: one PUT per blob", parseChunkSize);
  cmd.action((args, flags) => runPush(args, flags, io));
}
async function runPush(args, flags, io) {
  checkArgs(io, "push", args, 1, Number.POSITIVE_INFINITY);
  if (flags.manifestConfig !== void 0) {
    if (flags.config !== void 0) throw new OrasError("INVALID_ARGUMENT", "--config, --manifest-config cannot be used at the same time");
    flags = { ...flags, config: flags.manifestConfig };
  }
  const format2 = parseFormat(flags);
  const { ref: rawRef, extraTags } = splitTagList(args[0]);
  const target2 = parseTargetArg(rawRef, flags);
  for (const t of extraTags) if (t === "") throw new OrasError("INVALID_REFERENCE", `invalid reference: empty tag in ${JSON.stringify(args[0])}`);
  const fileRefs = args.slice(1).map((a) => parseFileRef(a, ""));
  validateFilePaths(fileRefs, flags);
  const annotations = await parseAnnotations(flags, io);
  const repro = reproducibleOptions(io);
  let imageSpec;
  if (flags.imageSpec !== void 0) {
    if (flags.imageSpec !== "v1.1" && flags.imageSpec !== "v1.0") {
      throw new OrasError("INVALID_ARGUMENT", `unknown image specification flag: ${flags.imageSpec}`, { hint: "Available options: v1.1, v1.0" });
    }
    imageSpec = flags.imageSpec;
  }
  choosePushSpec({ imageSpec, hasConfig: flags.config !== void 0, hasArtifactPlatform: flags.artifactPlatform !== void 0, artifactType: flags.artifactType });
  const tty = format2.kind === "text" && useTTY(flags, io);
  const printer = new Printer(io.stdout, { verbose: flags.verbose !== false, quiet: format2.kind !== "text" || tty });
  const options = await targetOptions(target2, flags, io);
  let progress;
  let successors = [];
  const shown = /* @__PURE__ */ new Map();
  try {
    const result = await push(target2, pushFileSpecs(fileRefs, annotations), {
      ...options,
      ...flags.chunkSize ? { upload: { chunkSize: flags.chunkSize } } : {},
      ...imageSpec ? { imageSpec } : {},
      ...flags.artifactType !== void 0 ? { artifactType: flags.artifactType } : {},
      ...flags.artifactPlatform !== void 0 ? { artifactPlatform: flags.artifactPlatform } : {},
      ...flags.config !== void 0 ? { config: flags.config } : {},
      ...annotations[CONFIG_KEY] ? { configAnnotations: annotations[CONFIG_KEY] } : {},
      ...annotations[MANIFEST_KEY] ? { annotations: annotations[MANIFEST_KEY] } : {},
      ...repro.store.sourceDateEpoch ? { sourceDateEpoch: repro.store.sourceDateEpoch } : {},
      syncSmallFiles: true,
      concurrency: flags.concurrency,
      tags: extraTags,
      onFileStart: (name) => {
        if (tty && !progress) progress = startProgress(io);
        printer.printVerbose(Prompt.Preparing, name);
      },
      onStageStart: (f2) => {
        const d = pendingDescriptor(relative2(io.cwd, f2.path) || f2.path, f2.size, MediaType.ImageLayer);
        shown.set(f2.path, d);
        progress?.start(d, Prompt.Uploading);
      },
      onStageProgress: (f2, n2) => {
        const d = shown.get(f2.path);
        if (d) progress?.onProgress(d, n2);
      },
      // The digest is known now; the row goes on until the blob is committed with the manifest's layers.
      onStaged: (f2, digest) => {
        const d = shown.get(f2.path);
        if (d) progress?.resolve(d, { ...d, digest });
      },
      onPrepared: ({ layers, config: c }) => {
        if (tty && !progress) progress = startProgress(io);
        successors = [...c ? [c] : [], ...layers];
        if (layers.length === 0) printer.status("Uploading empty artifact");
      },
      hooks: uploadStatusHooks(printer, () => progress, (d) => isManifestMediaType(d.mediaType) ? successors : void 0, tty),
      onTagged: (t) => printer.status("Tagged", t)
    });
    progress?.stop();
    progress = void 0;
    const root = result.descriptor;
    if (format2.kind === "text") {
      printer.println("Pushed", displayReference(target2));
      printer.println("ArtifactType:", root.artifactType ?? "");
      printer.println("Digest:", root.digest);
    } else {
      const path = target2.name;
      const model = { ...descriptorModel(path, root), referenceAsTags: result.tags.length > 0 ? result.tags.map((t) => `${path}:${t}`).sort() : null };
      io.stdout.write(renderModel(format2, model));
    }
    await exportManifest(flags, io, result.manifest);
  } finally {
    progress?.stop(true);
  }
}
var init_push3 = __esm({
  "src/cli/commands/push.ts"() {
    "use strict";
    init_esm();
    init_push2();
    init_errors();
    init_mediatypes();
    init_reference();
    init_pack2();
    init_json2();
    init_printer();
    init_status();
    init_progress();
    init_common();
    init_format();
    init_packer();
    init_chunk_size();
    init_remote();
  }
});

// src/cli/commands/repo.ts
var repo_exports = {};
__export(repo_exports, {
  define: () => define11,
  parseRemoteRepository: () => parseRemoteRepository,
  runRepoLs: () => runRepoLs,
  runRepoTags: () => runRepoTags
});
function define11(cmd, io) {
  cmd.description("Repository operations").usage("[command]");
  const ls = cmd.command("ls").alias("list").summary("List the repositories under the registry").description("List the repositories under the registry");
  ls.usage("[flags] <registry>").argument("[args...]");
  addRemoteFlags(ls);
  addFormatFlags(ls);
  addCommonFlags(ls, { tty: false });
  ls.option("--last <last>", "start after the repository specified by `last`");
  ls.exitOverride();
  ls.action((args, flags) => runRepoLs(args, flags, io));
  const tags2 = cmd.command("tags").alias("show-tags").summary("Show tags of the target repository").description("Show tags of the target repository");
  tags2.usage("[flags] <name>").argument("[args...]");
  addTargetFlags(tags2);
  addFormatFlags(tags2);
  addCommonFlags(tags2, { tty: false });
  tags2.option("--last <last>", "start after the tag specified by `last`");
  tags2.addOption(new Option("--exclude-digest-tags", "[Preview] exclude all digest-like tags such as 'sha256-aaaa...'"));
  tags2.exitOverride();
  tags2.action((args, flags) => runRepoTags(args, flags, io));
}
function parseRemoteRepository(raw) {
  const trimmed = raw.endsWith("/") ? raw.slice(0, -1) : raw;
  if (!trimmed.includes("/")) return { registry: trimmed, namespace: "" };
  let ref;
  try {
    ref = parseReference(trimmed);
  } catch (err) {
    throw new OrasError("INVALID_REFERENCE", `could not parse repository path: ${err.message}`, { cause: err });
  }
  if (ref.reference !== "") throw new OrasError("INVALID_REFERENCE", "could not parse repository path: tags or digests should not be provided");
  return { registry: ref.registry, namespace: `${ref.repository}/` };
}
async function runRepoLs(args, flags, io) {
  checkArgs(io, "repo ls", args, 1, 1);
  const format2 = parseFormat(flags);
  const { registry, namespace } = parseRemoteRepository(args[0]);
  const reg = new Registry(registry, await remoteOptions(flags, io, registry));
  const listed = [];
  const lines = new LineBatcher(io.stdout);
  try {
    for await (const repo of reg.repositories({ ...flags.last ? { last: flags.last } : {}, signal: io.signal })) {
      if (namespace !== "" && !repo.startsWith(namespace)) continue;
      if (format2.kind === "text") lines.line(printable(namespace !== "" ? repo.slice(namespace.length) : repo));
      else listed.push(repo);
    }
  } catch (err) {
    const host = registryHost(registry);
    const what = namespace !== "" ? `could not list repositories for "${host}" with prefix "${namespace}"` : `could not list repositories for "${host}"`;
    if (OrasError.is(err)) throw new OrasError(err.code, `${what}: ${err.message}`, { cause: err, ...err.hint ? { hint: err.hint } : {} });
    throw err;
  } finally {
    lines.flush();
    reg.close();
  }
  if (format2.kind !== "text") io.stdout.write(renderModel(format2, { registry, repositories: listed }));
}
async function runRepoTags(args, flags, io) {
  checkArgs(io, "repo tags", args, 1, 1);
  const format2 = parseFormat(flags);
  const target2 = parseTargetArg(args[0], flags);
  const opened = await openReadableTarget(target2, flags, io, { scopeActions: ["pull"] });
  const o = { signal: io.signal };
  const listed = [];
  const lines = new LineBatcher(io.stdout);
  try {
    const finder = opened.target;
    if (!canListTags(finder)) throw new OrasError("UNSUPPORTED", "the target cannot list tags");
    let prefix = "";
    if (target2.kind === "oci-layout" && target2.reference !== "") {
      try {
        const ref = parseReference(target2.reference);
        if (ref.reference === "") prefix = `${ref.registry}/${ref.repository}:`;
      } catch {
      }
    }
    let targetDigest = "";
    if (prefix === "" && target2.reference !== "") {
      targetDigest = isDigest(target2.reference) ? target2.reference : (await finder.resolve(target2.reference, o)).digest;
      io.stderr.write(`Warning: [Experimental] querying tags associated to ${targetDigest}, it may take a while...
`);
    }
    for await (let tag2 of finder.tags({ ...o, ...flags.last ? { last: flags.last } : {} })) {
      if (prefix !== "") {
        if (!tag2.startsWith(prefix)) continue;
        tag2 = tag2.slice(prefix.length);
      }
      if (flags.excludeDigestTags && isDigestTag(tag2)) continue;
      if (targetDigest !== "" && tag2 !== target2.reference) {
        const d = await finder.resolve(tag2, o);
        if (d.digest !== targetDigest) continue;
      }
      if (format2.kind === "text") lines.line(printable(tag2));
      else listed.push(tag2);
    }
  } finally {
    lines.flush();
    opened.close();
  }
  if (format2.kind !== "text") io.stdout.write(renderModel(format2, { tags: listed }));
}
var init_repo = __esm({
  "src/cli/commands/repo.ts"() {
    "use strict";
    init_esm();
    init_storage();
    init_errors();
    init_digest();
    init_reference();
    init_registry();
    init_common();
    init_format();
    init_remote();
    init_escape();
    init_printer();
  }
});

// src/graph/restore.ts
import { stat as stat9 } from "node:fs/promises";
async function openRestoreSource(input2, displayName = input2) {
  if (input2 === "") throw new OrasError("INVALID_ARGUMENT", "the input path cannot be empty");
  let st;
  try {
    st = await stat9(input2);
  } catch (err) {
    throw new OrasError("NOT_FOUND", `failed to access input path ${JSON.stringify(displayName)}: ${err.code === "ENOENT" ? "no such file or directory" : err.message}`, {
      cause: err
    });
  }
  if (st.isFile()) {
    if (!await isTarFile(input2)) throw new OrasError("INVALID_ARGUMENT", `input path ${JSON.stringify(displayName)} is not a tar archive`);
    try {
      return { layout: await openOciLayout(input2, { readOnly: true }), tarSize: st.size };
    } catch (err) {
      if (OrasError.is(err)) throw new OrasError(err.code, `failed to prepare OCI store from tar archive ${JSON.stringify(displayName)}: invalid OCI Image Layout: ${err.message}`, { cause: err });
      throw err;
    }
  }
  if (st.isDirectory()) {
    try {
      return { layout: await openOciLayout(input2, { readOnly: true }) };
    } catch (err) {
      if (OrasError.is(err) && err.code === "NOT_FOUND" && /: not an OCI layout: missing /.test(err.message)) throw noTagsInLayout(displayName, err);
      throw err;
    }
  }
  throw new OrasError("INVALID_ARGUMENT", `input path ${JSON.stringify(displayName)} must be a directory or a tar archive`);
}
function noTagsInLayout(input2, cause) {
  return new OrasError("NOT_FOUND", `no tags found in OCI layout ${JSON.stringify(input2)}`, {
    hint: `If you want to list available tags in ${JSON.stringify(input2)}, use "oras repo tags --oci-layout"`,
    ...cause !== void 0 ? { cause } : {}
  });
}
async function restore(src, dst, opts = {}) {
  const input2 = opts.sourceName ?? "the backup";
  const repo = opts.destinationName ?? "the destination";
  const resolved = await resolveTags(src, opts.tags, opts);
  if (resolved.tags.length === 0) {
    throw noTagsInLayout(input2);
  }
  await opts.onTagsFound?.(resolved.tags);
  const cache = opts.manifestCache ?? new ManifestCache(src, opts.maxMetadataBytes, opts.manifestCacheBytes);
  for (const [i, tag2] of resolved.tags.entries()) {
    const root = resolved.roots[i];
    let n2 = 0;
    if (!opts.excludeReferrers) {
      try {
        n2 = await countReferrers(cache, root, opts);
      } catch (err) {
        const msg = `failed to count referrers for tag ${JSON.stringify(tag2)}: ${err.message}`;
        throw OrasError.is(err) ? new OrasError(err.code, msg, { cause: err }) : err;
      }
    }
    if (!opts.dryRun) {
      try {
        if (opts.excludeReferrers) await copy(src, tag2, dst, tag2, opts);
        else await copyWithReferrers(cache, dst, root, tag2, opts);
      } catch (err) {
        const msg = `failed to restore tag ${JSON.stringify(tag2)} from ${JSON.stringify(input2)} to ${JSON.stringify(repo)}: ${err.message}`;
        throw OrasError.is(err) ? new OrasError(err.code, msg, { cause: err }) : new OrasError("COPY_FAILED", msg, { cause: err });
      }
    }
    await opts.onTagRestored?.(tag2, n2);
  }
  return resolved;
}
var init_restore = __esm({
  "src/graph/restore.ts"() {
    "use strict";
    init_oci_layout();
    init_errors();
    init_backup();
    init_cache();
    init_copy();
    init_extended_copy();
  }
});

// src/cli/commands/restore.ts
var restore_exports = {};
__export(restore_exports, {
  RESTORE_PROMPTS: () => RESTORE_PROMPTS,
  define: () => define12,
  runRestore: () => runRestore
});
import { resolve as resolvePath10 } from "node:path";
function define12(cmd, io) {
  cmd.description("[Experimental] Restore artifacts to a registry from an OCI image layout, which can be either a directory or a tar archive.").usage("[flags] --input <path> <registry>/<repository>[:<ref1>[,<ref2>...]]").argument("[args...]");
  addRemoteFlags(cmd);
  addDistributionSpecFlag(cmd);
  addCommonFlags(cmd);
  cmd.option("--input <path>", "path to the OCI layout, either a tar archive (*.tar) or a directory");
  cmd.addOption(new Option("--from <path>", "alias of --input").hideHelp());
  cmd.option("--exclude-referrers", "restore artifacts excluding their referrers");
  cmd.option("--dry-run", "simulate the restore process without actually uploading any artifacts");
  cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 5);
  cmd.action((args, flags) => runRestore(args, flags, io));
}
async function runRestore(args, flags, io) {
  checkArgs(io, "restore", args, 1, 1);
  if (flags.input !== void 0 && flags.from !== void 0) throw new OrasError("INVALID_ARGUMENT", "--input, --from cannot be used at the same time");
  if (flags.input === void 0 && flags.from !== void 0) flags = { ...flags, input: flags.from };
  if (flags.input === void 0) throw new OrasError("INVALID_ARGUMENT", `required flag(s) "input" not set`);
  if (flags.input === "") throw new OrasError("INVALID_ARGUMENT", "the input path cannot be empty");
  const started = performance.now();
  const { repository, tags: tags2 } = parseArtifactReferences(args[0]);
  const referrersState = parseDistributionSpec(flags.distributionSpec);
  const ref = parseReference(repository);
  const dst = await openWritableTarget({ kind: "registry", raw: repository, ref, name: repository, reference: "" }, flags, io, {
    scopeActions: ["pull", "push"],
    ...referrersState ? { referrersState } : {}
  });
  const tty = useTTY(flags, io);
  const printer = new Printer(io.stdout, { verbose: true, quiet: tty });
  const meta = new Printer(io.stdout, { verbose: true });
  let progress;
  const o = { signal: io.signal };
  const dryRun = Boolean(flags.dryRun);
  try {
    const source = await openRestoreSource(resolvePath10(io.cwd, flags.input), flags.input);
    if (source.tarSize !== void 0) meta.println(`Loaded backup archive: ${flags.input} (${formatSize(source.tarSize)})`);
    if (tty && !dryRun) progress = startProgress(io);
    const cache = new ManifestCache(source.layout);
    const result = await restore(source.layout, dst.target, {
      ...o,
      manifestCache: cache,
      concurrency: flags.concurrency,
      tags: tags2,
      excludeReferrers: Boolean(flags.excludeReferrers),
      dryRun,
      sourceName: flags.input,
      destinationName: repository,
      ...copyStatusHooks(printer, progress, cache, RESTORE_PROMPTS, o),
      onTagsFound: (found) => printTagsFound(meta, `Found ${found.length} tag(s) in the backup`, found),
      onTagRestored: (tag2, n2) => meta.println(dryRun ? `Dry run: would push tag ${printable(tag2)} with ${n2} referrer(s)` : `Pushed tag ${printable(tag2)} with ${n2} referrer(s)`)
    });
    progress?.stop();
    progress = void 0;
    if (dryRun) meta.println(`Dry run complete: ${result.tags.length} tag(s) would be restored to ${JSON.stringify(repository)} (no data pushed)`);
    else meta.println(`Successfully restored ${result.tags.length} tag(s) to ${JSON.stringify(repository)} in ${formatDuration(performance.now() - started)}`);
  } catch (err) {
    throw hintForProgram(err, io);
  } finally {
    progress?.stop(true);
    dst.close();
  }
}
var RESTORE_PROMPTS;
var init_restore2 = __esm({
  "src/cli/commands/restore.ts"() {
    "use strict";
    init_esm();
    init_errors();
    init_cache();
    init_restore();
    init_reference();
    init_printer();
    init_progress();
    init_common();
    init_distribution();
    init_remote();
    init_backup2();
    init_humanize();
    init_cp();
    init_escape();
    RESTORE_PROMPTS = {
      copying: "Pushing  ",
      copied: "Pushed   ",
      exists: Prompt.PushExists,
      skipped: Prompt.PushSkipped
    };
  }
});

// src/cli/commands/resolve.ts
var resolve_exports = {};
__export(resolve_exports, {
  define: () => define13,
  runResolve: () => runResolve
});
function define13(cmd, io) {
  cmd.description("[Preview] Resolves digest of the target artifact").usage("[flags] <name>{:<tag>|@<digest>}").argument("[args...]");
  addTargetFlags(cmd);
  addPlatformFlag(cmd);
  addCommonFlags(cmd, { tty: false });
  cmd.option("-l, --full-reference", "print the full artifact reference with digest");
  cmd.action((args, flags) => runResolve(args, flags, io));
}
async function runResolve(args, flags, io) {
  checkArgs(io, "resolve", args, 1, 1);
  const target2 = parseTargetArg(args[0], flags);
  const platform2 = parsePlatformFlag(flags);
  const opened = await openReadableTarget(target2, flags, io, { scopeActions: ["pull"] });
  try {
    ensureReference(target2, `${programName(io)} resolve`, usageLine(io, "resolve"));
    let desc;
    try {
      desc = await resolve3(opened, { signal: io.signal, platform: platform2 });
    } catch (err) {
      if (OrasError.is(err)) throw new OrasError(err.code, `failed to resolve digest: ${err.message}`, { cause: err, ...err.hint ? { hint: err.hint } : {} });
      throw err;
    }
    io.stdout.write(flags.fullReference ? `${target2.name}@${desc.digest}
` : `${desc.digest}
`);
  } finally {
    opened.close();
  }
}
var init_resolve2 = __esm({
  "src/cli/commands/resolve.ts"() {
    "use strict";
    init_errors();
    init_manifest2();
    init_io();
    init_common();
    init_distribution();
    init_platform3();
    init_remote();
  }
});

// src/cli/commands/tag.ts
var tag_exports = {};
__export(tag_exports, {
  define: () => define14,
  runTag: () => runTag
});
function define14(cmd, io) {
  cmd.description("Tag a manifest in a registry or an OCI image layout").usage("[flags] <name>{:<tag>|@<digest>} <new_tag> [...]").argument("[args...]");
  addTargetFlags(cmd);
  addCommonFlags(cmd, { tty: false });
  cmd.option("--concurrency <n>", "concurrency level", parseConcurrency, 5);
  cmd.action((args, flags) => runTag(args, flags, io));
}
async function runTag(args, flags, io) {
  if (args[0] === "list" || args[0] === "ls") {
    throw new OrasError("INVALID_ARGUMENT", `there is no "list" sub-command for "${programName(io)} tag" command`, {
      hint: `Usage: ${usageLine(io, "tag")}
If you want to list available tags in ${flags.ociLayout || flags.ociLayoutPath ? "an OCI image layout" : "a repository"}, use "${programName(io)} repo tags"`
    });
  }
  checkArgs(io, "tag", args, 1, Number.POSITIVE_INFINITY);
  let target2;
  try {
    target2 = parseTargetArg(args[0], flags);
  } catch (err) {
    if (OrasError.is(err) && err.code === "INVALID_REFERENCE") {
      throw new OrasError(err.code, `unable to add tag for '${args[0]}': ${err.message}`, { cause: err, ...err.hint ? { hint: err.hint } : {} });
    }
    throw err;
  }
  const tags2 = args.slice(1);
  const opened = await openWritableTarget(target2, flags, io, { scopeActions: ["pull", "push"], referrersState: "supported" });
  try {
    ensureReference(target2, `${programName(io)} tag`, usageLine(io, "tag"));
    await tag(opened, tags2, {
      signal: io.signal,
      concurrency: flags.concurrency,
      onResolved: (desc) => {
        if (tags2.length > 0) io.stdout.write(`Tagging [${target2.kind}] ${target2.name}@${desc.digest}
`);
      },
      onTagged: (t) => {
        io.stdout.write(`Tagged ${t}
`);
      }
    });
  } finally {
    opened.close();
  }
}
var init_tag2 = __esm({
  "src/cli/commands/tag.ts"() {
    "use strict";
    init_manifest2();
    init_errors();
    init_io();
    init_common();
    init_distribution();
    init_remote();
  }
});

// src/server/auth.ts
import { createHash as createHash3 } from "node:crypto";
import { availableParallelism } from "node:os";
var DEFAULT_AUTH_LIMITS, ExpiringSet, FailureThrottle, BcryptPool, Authenticator;
var init_auth = __esm({
  "src/server/auth.ts"() {
    "use strict";
    DEFAULT_AUTH_LIMITS = {
      maxFailures: 10,
      failureWindowMs: 6e4,
      maxTrackedClients: 1e4,
      maxPendingHashes: 32,
      maxHashesPerClient: 2,
      cacheTtlMs: 5 * 6e4,
      cacheSize: 1e3,
      workers: Math.max(1, Math.min(2, availableParallelism() - 1))
    };
    ExpiringSet = class {
      constructor(ttlMs, max) {
        this.ttlMs = ttlMs;
        this.max = max;
      }
      ttlMs;
      max;
      entries = /* @__PURE__ */ new Map();
      has(key, now = Date.now()) {
        const until = this.entries.get(key);
        if (until === void 0) return false;
        if (until > now) return true;
        this.entries.delete(key);
        return false;
      }
      add(key, now = Date.now()) {
        this.entries.delete(key);
        while (this.entries.size >= this.max && this.entries.size > 0) this.entries.delete(this.entries.keys().next().value);
        if (this.max > 0) this.entries.set(key, now + this.ttlMs);
      }
      get size() {
        return this.entries.size;
      }
    };
    FailureThrottle = class {
      constructor(limits) {
        this.limits = limits;
      }
      limits;
      clients = /* @__PURE__ */ new Map();
      /** Seconds the client must wait, or undefined when it may try (counting attempts still being verified). */
      blocked(client, now = Date.now()) {
        const r = this.current(client, now);
        if (!r || r.failures + r.inflight < this.limits.maxFailures) return void 0;
        return Math.max(1, Math.ceil((r.windowStart + this.limits.failureWindowMs - now) / 1e3));
      }
      /** Attempts of `client` still being verified. */
      inflight(client, now = Date.now()) {
        return this.current(client, now)?.inflight ?? 0;
      }
      /** Marks an attempt in flight; call `settle` with its outcome. */
      begin(client, now = Date.now()) {
        this.record(client, now).inflight++;
      }
      settle(client, ok, now = Date.now()) {
        const r = this.record(client, now);
        if (r.inflight > 0) r.inflight--;
        if (!ok) r.failures++;
      }
      /** A failure that needed no hash (unknown user). */
      fail(client, now = Date.now()) {
        this.record(client, now).failures++;
      }
      get size() {
        return this.clients.size;
      }
      current(client, now) {
        const r = this.clients.get(client);
        if (r && now - r.windowStart >= this.limits.failureWindowMs) {
          this.clients.delete(client);
          if (r.inflight === 0) return void 0;
          const fresh = { windowStart: now, failures: 0, inflight: r.inflight };
          this.clients.set(client, fresh);
          return fresh;
        }
        return r;
      }
      record(client, now) {
        const r = this.current(client, now);
        if (r) return r;
        for (const [k, old] of this.clients) {
          if (this.clients.size < this.limits.maxTrackedClients && now - old.windowStart < this.limits.failureWindowMs) break;
          if (old.inflight === 0) this.clients.delete(k);
        }
        const fresh = { windowStart: now, failures: 0, inflight: 0 };
        this.clients.set(client, fresh);
        return fresh;
      }
    };
    BcryptPool = class {
      constructor(size) {
        this.size = size;
      }
      size;
      idle = [];
      running = /* @__PURE__ */ new Map();
      queue = [];
      workers = 0;
      nextId = 1;
      /** Comparisons queued or running. */
      get pending() {
        return this.queue.length + this.running.size;
      }
      compare(password, hash) {
        return new Promise((resolve5, reject) => {
          this.queue.push({ id: this.nextId++, password, hash, resolve: resolve5, reject });
          this.pump();
        });
      }
      async close() {
        for (const job of this.queue.splice(0)) job.reject(new Error("the password verifier was closed"));
        const all = [...this.idle.splice(0), ...this.running.keys()];
        await Promise.all(all.map((w) => w.terminate()));
      }
      pump() {
        while (this.queue.length > 0) {
          let w = this.idle.pop();
          if (!w) {
            if (this.workers >= Math.max(1, this.size)) return;
            w = this.spawn();
          }
          const job = this.queue.shift();
          this.running.set(w, job);
          w.postMessage({ id: job.id, password: job.password, hash: job.hash });
        }
      }
      spawn() {
        const w = new (process.getBuiltinModule("node:worker_threads")).Worker(new URL("./bcrypt-worker.js", import.meta.url));
        w.unref();
        this.workers++;
        w.on("message", (m) => {
          const job = this.running.get(w);
          this.running.delete(w);
          this.idle.push(w);
          job?.resolve(m.ok === true);
          this.pump();
        });
        const gone = (err) => {
          const job = this.running.get(w);
          this.running.delete(w);
          const i = this.idle.indexOf(w);
          if (i >= 0) this.idle.splice(i, 1);
          this.workers--;
          job?.reject(err);
          this.pump();
        };
        let ended = false;
        w.on("error", (err) => {
          ended = true;
          gone(err);
        });
        w.on("exit", (code) => {
          if (!ended) gone(new Error(`bcrypt worker exited with code ${code}`));
        });
        return w;
      }
    };
    Authenticator = class {
      constructor(file, limits = {}) {
        this.file = file;
        this.limits = { ...DEFAULT_AUTH_LIMITS, ...limits };
        this.pool = new BcryptPool(this.limits.workers);
        this.verified = new ExpiringSet(this.limits.cacheTtlMs, this.limits.cacheSize);
        this.refused = new ExpiringSet(this.limits.cacheTtlMs, this.limits.cacheSize);
        this.throttle = new FailureThrottle(this.limits);
      }
      file;
      limits;
      pool;
      verified;
      refused;
      throttle;
      /** One hash per distinct credential at a time: concurrent requests with it share the result. */
      inflight = /* @__PURE__ */ new Map();
      /** bcrypt comparisons started so far (for tests and debugging). */
      hashes = 0;
      async authenticate(client, username, password) {
        await this.file.refresh();
        const hash = this.file.hashOf(username);
        const key = createHash3("sha256").update(username).update("\0").update(password).update("\0").update(hash ?? "").digest("hex");
        if (hash !== void 0 && this.verified.has(key)) return { kind: "ok" };
        if (this.refused.has(key)) return { kind: "denied" };
        const wait = this.throttle.blocked(client);
        if (wait !== void 0) return { kind: "throttled", retryAfterSeconds: wait };
        if (hash === void 0) {
          this.throttle.fail(client);
          this.refused.add(key);
          return { kind: "denied" };
        }
        let pending = this.inflight.get(key);
        if (!pending) {
          if (this.throttle.inflight(client) >= this.limits.maxHashesPerClient) {
            this.throttle.fail(client);
            return { kind: "throttled", retryAfterSeconds: 1 };
          }
          if (this.pool.pending >= this.limits.maxPendingHashes) return { kind: "throttled", retryAfterSeconds: 1 };
          this.hashes++;
          pending = this.pool.compare(password, hash).finally(() => this.inflight.delete(key));
          this.inflight.set(key, pending);
        }
        this.throttle.begin(client);
        let ok = false;
        try {
          ok = await pending;
        } finally {
          this.throttle.settle(client, ok);
        }
        if (ok) this.verified.add(key);
        else this.refused.add(key);
        return ok ? { kind: "ok" } : { kind: "denied" };
      }
      close() {
        return this.pool.close();
      }
    };
  }
});

// src/server/protocol.ts
import { isIP as isIP4 } from "node:net";
function repositoryNameProblem(name) {
  if (name === "") return "repository name is empty";
  if (name.length > MAX_NAME_LENGTH) return `repository name is longer than ${MAX_NAME_LENGTH} characters`;
  if (!isValidRepository(name)) return `invalid repository name ${JSON.stringify(name)}: must match [a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*`;
  for (const c of name.split("/")) {
    if (RESERVED_COMPONENTS.has(c)) return `invalid repository name ${JSON.stringify(name)}: path component ${JSON.stringify(c)} is reserved by the storage`;
  }
  return void 0;
}
function parseRange(header, size) {
  if (header === void 0) return { kind: "full" };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return { kind: "full" };
  const a = m[1] ?? "";
  const b = m[2] ?? "";
  if (a === "" && b === "") return { kind: "full" };
  if (a === "") {
    const n2 = Number(b);
    if (!Number.isSafeInteger(n2)) return { kind: "full" };
    if (n2 === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - n2), end: size - 1 };
  }
  const start = Number(a);
  if (!Number.isSafeInteger(start)) return { kind: "full" };
  let end = b === "" ? Number.MAX_SAFE_INTEGER : Number(b);
  if (!Number.isSafeInteger(end)) return { kind: "full" };
  if (end < start) return { kind: "full" };
  if (start >= size) return { kind: "unsatisfiable" };
  if (end >= size) end = size - 1;
  return { kind: "partial", start, end };
}
function parseContentRange2(header) {
  const m = /^\s*(?:bytes\s+)?(\d+)-(\d+)(?:\/(?:\d+|\*))?\s*$/i.exec(header);
  if (!m) return void 0;
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return void 0;
  return { start, end };
}
function uploadRange(size) {
  return `0-${size > 0 ? size - 1 : 0}`;
}
function parsePageSize(value) {
  if (value === null || value === "") return void 0;
  if (!/^\d{1,9}$/.test(value)) return Number.NaN;
  return Number(value);
}
function paginate(sorted, n2, last) {
  let from = 0;
  if (last !== void 0 && last !== "") {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (compareNames(sorted[mid], last) <= 0) lo = mid + 1;
      else hi = mid;
    }
    from = lo;
  }
  if (n2 === void 0) return { items: sorted.slice(from), next: void 0 };
  const items = sorted.slice(from, from + n2);
  const more = from + n2 < sorted.length && items.length > 0;
  return { items, next: more ? items[items.length - 1] : void 0 };
}
function compareNames(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function nextLink(path, n2, last) {
  const q = new URLSearchParams({ n: String(n2), last });
  return `<${path}?${q.toString()}>; rel="next"`;
}
function parseBasicAuthorization(header) {
  if (header === void 0) return void 0;
  const m = /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return void 0;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return void 0;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
function clientKey(address) {
  if (address === void 0 || address === "") return "-";
  const bare2 = address.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare2);
  if (mapped) return mapped[1];
  if (isIP4(bare2) !== 6) return address;
  const [head = "", tail = ""] = bare2.split("::", 2);
  const left = head === "" ? [] : head.split(":");
  const right = bare2.includes("::") ? tail === "" ? [] : tail.split(":") : [];
  const groups = bare2.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}
var MAX_NAME_LENGTH, RESERVED_COMPONENTS;
var init_protocol = __esm({
  "src/server/protocol.ts"() {
    "use strict";
    init_reference();
    MAX_NAME_LENGTH = 255;
    RESERVED_COMPONENTS = /* @__PURE__ */ new Set(["blobs", "index.json", "oci-layout", "ingest"]);
  }
});

// src/server/connections.ts
function clientOfSocket(socket) {
  let key = clientKeys.get(socket);
  if (key === void 0) {
    key = clientKey(socket.remoteAddress);
    clientKeys.set(socket, key);
  }
  return key;
}
function limitConnections(server, max, perClient) {
  server.maxConnections = max;
  const open10 = /* @__PURE__ */ new Map();
  server.on("connection", (socket) => {
    const key = clientOfSocket(socket);
    const n2 = open10.get(key) ?? 0;
    if (n2 >= perClient) {
      socket.destroy();
      return;
    }
    open10.set(key, n2 + 1);
    socket.once("close", () => {
      const left = (open10.get(key) ?? 1) - 1;
      if (left <= 0) open10.delete(key);
      else open10.set(key, left);
    });
  });
}
function watchRequest(req, res, limits, onCut) {
  const socket = req.socket;
  const idleMs = Math.max(0, limits.idleMs);
  const rateOn = limits.minBytesPerSecond > 0 && limits.windowMs > 0 && !req.complete;
  if (idleMs === 0 && !rateOn) return;
  const sampleMs = Math.max(1, Math.floor(idleMs / IDLE_SAMPLES));
  const needed = limits.minBytesPerSecond * limits.windowMs / 1e3;
  let read = socket.bytesRead;
  let written = socket.bytesWritten;
  let lastMoved = performance.now();
  let windowEnd = rateOn ? lastMoved + limits.windowMs : Number.POSITIVE_INFINITY;
  let windowRead;
  let resClosed = false;
  let timer;
  const arm = (now) => {
    let next = windowEnd;
    if (idleMs > 0) next = Math.min(next, now + sampleMs, lastMoved + idleMs > now ? lastMoved + idleMs : Number.POSITIVE_INFINITY);
    timer = setTimeout(tick, next - now);
    timer.unref();
  };
  function tick() {
    timer = void 0;
    if (socket.destroyed) return;
    const now = performance.now();
    const due = now + 1;
    if (socket.bytesRead !== read || socket.bytesWritten !== written) {
      read = socket.bytesRead;
      written = socket.bytesWritten;
      lastMoved = now;
    }
    if (due >= windowEnd) {
      if (req.complete) windowEnd = Number.POSITIVE_INFINITY;
      else if (windowRead !== void 0 && read - windowRead < needed && req.readableLength === 0) return onCut("slow");
      else {
        windowRead = read;
        windowEnd = now + limits.windowMs;
      }
    }
    const waitingOnClient = !req.complete || res.headersSent && !res.writableFinished;
    if (idleMs > 0 && waitingOnClient && due - lastMoved >= idleMs) return onCut("idle");
    if (resClosed && req.complete) return;
    if (idleMs > 0 || windowEnd !== Number.POSITIVE_INFINITY) arm(now);
  }
  res.once("close", () => {
    resClosed = true;
    if (timer && (req.complete || socket.destroyed)) {
      clearTimeout(timer);
      timer = void 0;
    }
  });
  arm(lastMoved);
}
var DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_CLIENT, DEFAULT_MIN_REQUEST_BYTES_PER_SECOND, DEFAULT_REQUEST_RATE_WINDOW_MS, clientKeys, IDLE_SAMPLES;
var init_connections = __esm({
  "src/server/connections.ts"() {
    "use strict";
    init_protocol();
    DEFAULT_MAX_CONNECTIONS = 1024;
    DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 64;
    DEFAULT_MIN_REQUEST_BYTES_PER_SECOND = 1024;
    DEFAULT_REQUEST_RATE_WINDOW_MS = 3e4;
    clientKeys = /* @__PURE__ */ new WeakMap();
    IDLE_SAMPLES = 4;
  }
});

// src/server/errors.ts
function httpError(status, code, message, detail, headers) {
  return new RegistryHttpError(status, code, message, detail, headers);
}
var ERROR_MESSAGES, RegistryHttpError;
var init_errors3 = __esm({
  "src/server/errors.ts"() {
    "use strict";
    ERROR_MESSAGES = {
      BLOB_UNKNOWN: "blob unknown to registry",
      BLOB_UPLOAD_INVALID: "blob upload invalid",
      BLOB_UPLOAD_UNKNOWN: "blob upload unknown to registry",
      DIGEST_INVALID: "provided digest did not match uploaded content",
      MANIFEST_BLOB_UNKNOWN: "manifest references a manifest or blob unknown to registry",
      MANIFEST_INVALID: "manifest invalid",
      MANIFEST_UNKNOWN: "manifest unknown to registry",
      NAME_INVALID: "invalid repository name",
      NAME_UNKNOWN: "repository name not known to registry",
      SIZE_INVALID: "provided length did not match content length",
      UNAUTHORIZED: "authentication required",
      DENIED: "requested access to the resource is denied",
      UNSUPPORTED: "the operation is unsupported",
      TOO_MANY_REQUESTS: "too many requests",
      UNKNOWN: "unknown error"
    };
    RegistryHttpError = class extends Error {
      status;
      code;
      detail;
      /** Extra response headers (e.g. `Range` on a 416, `WWW-Authenticate` on a 401). */
      headers;
      constructor(status, code, message, detail, headers = {}) {
        super(message ?? ERROR_MESSAGES[code]);
        this.name = "RegistryHttpError";
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.headers = headers;
      }
      /** The JSON error body. */
      body() {
        const entry = { code: this.code, message: this.message };
        if (this.detail !== void 0) entry.detail = this.detail;
        return JSON.stringify({ errors: [entry] });
      }
    };
  }
});

// src/server/htpasswd.ts
import { readFile as readFile5, stat as stat10 } from "node:fs/promises";
function isBcryptHash(hash) {
  return BCRYPT_RE.test(hash);
}
var BCRYPT_RE, HTPASSWD_RECHECK_MS, DONE, HtpasswdFile;
var init_htpasswd = __esm({
  "src/server/htpasswd.ts"() {
    "use strict";
    BCRYPT_RE = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;
    HTPASSWD_RECHECK_MS = 1e3;
    DONE = Promise.resolve();
    HtpasswdFile = class _HtpasswdFile {
      path;
      users = /* @__PURE__ */ new Map();
      stamp = "";
      /** When `refresh` last looked (ms since the epoch), and its look while one is under way. */
      checkedAt = Number.NEGATIVE_INFINITY;
      checking;
      constructor(path) {
        this.path = path;
      }
      /** Parses `text`; throws on a line that is not `user:<bcrypt hash>`. */
      static parse(text, where = "htpasswd") {
        const users = /* @__PURE__ */ new Map();
        text.split(/\r?\n/).forEach((line, i) => {
          const l = line.trim();
          if (l === "" || l.startsWith("#")) return;
          const colon = l.indexOf(":");
          if (colon <= 0) throw new Error(`${where}:${i + 1}: expected user:hash`);
          const user = l.slice(0, colon);
          const hash = l.slice(colon + 1);
          if (!isBcryptHash(hash)) throw new Error(`${where}:${i + 1}: the hash of ${JSON.stringify(user)} is not bcrypt ($2y$, $2b$ or $2a$): use htpasswd -B`);
          users.set(user, hash);
        });
        return users;
      }
      /** (Re)loads the file when its size, mtime or inode changed; throws when it cannot be read or parsed. */
      async load() {
        this.checkedAt = Date.now();
        const st = await stat10(this.path);
        const stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
        if (stamp === this.stamp) return;
        this.users = _HtpasswdFile.parse(await readFile5(this.path, "utf8"), this.path);
        this.stamp = stamp;
      }
      /**
       * `load` when the last look is `HTPASSWD_RECHECK_MS` old (callers meanwhile wait for a look
       * under way, else use the copy they have), keeping the last good copy when the file is being
       * replaced or is broken.
       */
      refresh() {
        if (this.checking) return this.checking;
        const now = Date.now();
        if (now - this.checkedAt < HTPASSWD_RECHECK_MS && now >= this.checkedAt) return DONE;
        this.checking = this.load().catch(() => void 0).finally(() => {
          this.checking = void 0;
        });
        return this.checking;
      }
      /** The bcrypt hash of `username`, or undefined. */
      hashOf(username) {
        return this.users.get(username);
      }
    };
  }
});

// src/server/handlers/http.ts
function send(res, status, headers, body, head = false) {
  const data = body === void 0 ? void 0 : typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader("Content-Length", data?.length ?? 0);
  if (data && !head) res.end(data);
  else res.end();
}
function sendError(res, err, head) {
  send(res, err.status, { "Content-Type": JSON_TYPE, ...err.headers }, err.body(), head);
}
function notAllowed(method) {
  return httpError(405, "UNSUPPORTED", `method ${method} not allowed here`);
}
function pageSize(url) {
  const n2 = parsePageSize(url.searchParams.get("n"));
  if (Number.isNaN(n2)) throw httpError(400, "UNSUPPORTED", `invalid page size n=${JSON.stringify(url.searchParams.get("n"))}`);
  return n2;
}
function requireDigest(value, what = "digest") {
  if (value === null || value === void 0 || value === "") throw httpError(400, "DIGEST_INVALID", `missing ${what}`);
  try {
    return parseDigest(value);
  } catch (err) {
    throw httpError(400, "DIGEST_INVALID", `invalid ${what}: ${err.message}`, { digest: value });
  }
}
function hasBody(req) {
  const len2 = req.headers["content-length"];
  if (len2 !== void 0) return Number(len2) > 0;
  return req.headers["transfer-encoding"] !== void 0;
}
var JSON_TYPE;
var init_http = __esm({
  "src/server/handlers/http.ts"() {
    "use strict";
    init_digest();
    init_errors3();
    init_protocol();
    JSON_TYPE = "application/json";
  }
});

// src/server/handlers/base.ts
function readOnlyMethod(ex) {
  if (ex.method !== "GET" && !ex.head) throw httpError(405, "UNSUPPORTED", `method ${ex.method} not allowed`);
}
var base, catalog;
var init_base = __esm({
  "src/server/handlers/base.ts"() {
    "use strict";
    init_errors3();
    init_protocol();
    init_http();
    base = async (_storage, ex) => {
      readOnlyMethod(ex);
      send(ex.res, 200, { "Content-Type": JSON_TYPE }, "{}", ex.head);
    };
    catalog = async (storage, ex) => {
      readOnlyMethod(ex);
      const n2 = pageSize(ex.url);
      const page = paginate(await storage.repos.list(), n2, ex.url.searchParams.get("last") ?? void 0);
      const headers = { "Content-Type": JSON_TYPE };
      if (page.next !== void 0 && n2 !== void 0) headers.Link = nextLink("/v2/_catalog", n2, page.next);
      send(ex.res, 200, headers, JSON.stringify({ repositories: page.items }), ex.head);
    };
  }
});

// src/server/handlers/blobs.ts
import { pipeline as pipeline8 } from "node:stream/promises";
var blobs;
var init_blobs = __esm({
  "src/server/handlers/blobs.ts"() {
    "use strict";
    init_errors();
    init_mediatypes();
    init_errors3();
    init_protocol();
    init_http();
    blobs = async (storage, ex) => {
      const digest = requireDigest(ex.ref);
      const unknown = () => httpError(404, "BLOB_UNKNOWN", `blob ${digest} is not known to the repository`, { digest });
      const store = await storage.repos.get(ex.name);
      if (ex.method === "GET" || ex.head) {
        const size = await store?.blobSize(digest);
        if (!store || size === void 0) throw unknown();
        const range = parseRange(ex.req.headers.range, size);
        if (range.kind === "unsatisfiable") {
          throw httpError(416, "BLOB_UNKNOWN", `range ${ex.req.headers.range} is not satisfiable for ${size} bytes`, { size }, { "Content-Range": `bytes */${size}` });
        }
        const partial = range.kind === "partial";
        const start = partial ? range.start : 0;
        const end = partial ? range.end : size - 1;
        const length = size === 0 ? 0 : end - start + 1;
        const { res } = ex;
        res.statusCode = partial ? 206 : 200;
        res.setHeader("Content-Type", MediaType.OctetStream);
        res.setHeader("Docker-Content-Digest", digest);
        res.setHeader("Accept-Ranges", "bytes");
        res.setHeader("ETag", `"${digest}"`);
        res.setHeader("Cache-Control", "max-age=31536000");
        if (partial) res.setHeader("Content-Range", `bytes ${start}-${end}/${size}`);
        res.setHeader("Content-Length", length);
        if (ex.head || length === 0) {
          res.end();
          return;
        }
        await pipeline8(await store.fetchRange({ mediaType: MediaType.OctetStream, digest, size }, start, end), res);
        return;
      }
      if (ex.method === "DELETE") {
        const size = await store?.blobSize(digest);
        if (!store || size === void 0) throw unknown();
        try {
          await store.delete(await store.resolveManifest(digest) ?? { mediaType: MediaType.OctetStream, digest, size });
        } catch (err) {
          if (OrasError.is(err) && err.code === "NOT_FOUND") throw unknown();
          throw err;
        }
        send(ex.res, 202, {});
        return;
      }
      throw notAllowed(ex.method);
    };
  }
});

// src/server/handlers/manifests.ts
import { Readable as Readable14 } from "node:stream";
function checkReference(ref, method) {
  if (ref.includes(":")) requireDigest(ref);
  else if (!isValidTag(ref)) {
    if (method === "GET" || method === "HEAD") throw httpError(404, "MANIFEST_UNKNOWN", `manifest ${JSON.stringify(ref)} is not known to the repository`, { reference: ref });
    throw httpError(400, "MANIFEST_INVALID", `invalid tag ${JSON.stringify(ref)}`, { tag: ref });
  }
}
function mediaTypeOf2(header) {
  return mediaTypeOfContentType(header).toLowerCase();
}
async function readBody(req, limit) {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (declared > limit) throw httpError(413, "MANIFEST_INVALID", `manifest of ${declared} bytes exceeds the limit of ${limit} bytes`, { limit });
  const chunks = [];
  let n2 = 0;
  let over = false;
  for await (const chunk of req) {
    n2 += chunk.length;
    if (n2 > limit) over = true;
    else chunks.push(chunk);
  }
  if (over) throw httpError(413, "MANIFEST_INVALID", `manifest exceeds the limit of ${limit} bytes`, { limit });
  return Buffer.concat(chunks, n2);
}
function parsePut(ex, raw) {
  const header = mediaTypeOf2(ex.req.headers["content-type"]);
  let parsed;
  try {
    parsed = isManifestMediaType(header) ? parseManifest(raw, header) : parseDeclaredManifest(raw, isManifestMediaType);
  } catch (err) {
    throw httpError(400, "MANIFEST_INVALID", `manifest invalid: ${err.message}`);
  }
  if (!parsed) throw httpError(400, "MANIFEST_INVALID", `unsupported manifest media type ${JSON.stringify(ex.req.headers["content-type"] ?? "")}`);
  return parsed;
}
async function requireReferenced(store, parsed) {
  const blobs2 = [];
  const manifests2 = [];
  if (parsed.kind === "manifest") blobs2.push(parsed.manifest.config, ...parsed.manifest.layers);
  else if (parsed.kind === "artifact") blobs2.push(...parsed.artifact.blobs);
  else manifests2.push(...parsed.index.manifests);
  for (const d of blobs2) {
    if (isForeignLayer(d.mediaType) && d.urls && d.urls.length > 0) continue;
    if (await store?.blobSize(d.digest) === void 0) {
      throw httpError(400, "MANIFEST_BLOB_UNKNOWN", `manifest references blob ${d.digest} unknown to the repository`, { digest: d.digest });
    }
  }
  for (const d of manifests2) {
    if (await store?.blobSize(d.digest) === void 0) {
      throw httpError(400, "MANIFEST_BLOB_UNKNOWN", `index references manifest ${d.digest} unknown to the repository`, { digest: d.digest });
    }
  }
}
async function getManifest(store, ex) {
  const unknown = () => httpError(404, "MANIFEST_UNKNOWN", `manifest ${ex.ref} is not known to the repository`, { reference: ex.ref });
  const desc = await store.resolveManifest(ex.ref);
  if (!desc || desc.size > MAX_MANIFEST_BYTES) throw unknown();
  let raw;
  try {
    raw = await readAllVerified(await store.fetch(desc), desc);
  } catch (err) {
    if (OrasError.is(err) && err.code === "NOT_FOUND") throw unknown();
    throw err;
  }
  send(ex.res, 200, { "Content-Type": desc.mediaType, "Docker-Content-Digest": desc.digest, ETag: `"${desc.digest}"` }, raw, ex.head);
}
async function putManifest(create, existing, ex) {
  const raw = await readBody(ex.req, MAX_MANIFEST_BYTES);
  const parsed = parsePut(ex, raw);
  const { mediaType } = parsed;
  const byDigest = isDigest(ex.ref);
  const digest = byDigest ? digestOf(raw, algorithmOf(ex.ref)) : digestOf(raw);
  if (byDigest && digest !== ex.ref) {
    throw httpError(400, "DIGEST_INVALID", `manifest digest ${digest} does not match the reference ${ex.ref}`, { digest: ex.ref, got: digest });
  }
  await requireReferenced(existing, parsed);
  const target2 = existing ?? await create();
  const desc = { mediaType, digest, size: raw.length };
  if (byDigest) await target2.push(desc, Readable14.from([raw]));
  else await target2.pushTagged(desc, Readable14.from([raw]), ex.ref);
  const headers = { Location: `/v2/${ex.name}/manifests/${digest}`, "Docker-Content-Digest": digest };
  const subject = subjectOf(parsed);
  if (subject) headers["OCI-Subject"] = subject.digest;
  send(ex.res, 201, headers);
}
async function deleteManifest(store, ex) {
  const { ref } = ex;
  try {
    if (!isDigest(ref)) {
      await store.untag(ref);
    } else {
      const desc = await store.resolveManifest(ref);
      if (!desc) throw new OrasError("NOT_FOUND", `${ref}: not found`);
      await store.delete(desc);
    }
  } catch (err) {
    if (OrasError.is(err) && err.code === "NOT_FOUND") {
      const what = isDigest(ref) ? `manifest ${ref}` : `tag ${JSON.stringify(ref)}`;
      throw httpError(404, "MANIFEST_UNKNOWN", `${what} is not known to the repository`);
    }
    throw err;
  }
  send(ex.res, 202, {});
}
var manifests;
var init_manifests = __esm({
  "src/server/handlers/manifests.ts"() {
    "use strict";
    init_verify();
    init_errors();
    init_digest();
    init_manifest();
    init_mediatypes();
    init_reference();
    init_errors3();
    init_http();
    manifests = async (storage, ex) => {
      checkReference(ex.ref, ex.method);
      switch (ex.method) {
        case "GET":
        case "HEAD":
          return getManifest(await storage.repos.require(ex.name), ex);
        case "PUT":
          return putManifest(() => storage.repos.create(ex.name), await storage.repos.get(ex.name), ex);
        case "DELETE":
          return deleteManifest(await storage.repos.require(ex.name), ex);
        default:
          throw notAllowed(ex.method);
      }
    };
  }
});

// src/server/handlers/referrers.ts
var referrers2;
var init_referrers3 = __esm({
  "src/server/handlers/referrers.ts"() {
    "use strict";
    init_json();
    init_mediatypes();
    init_http();
    referrers2 = async (storage, ex) => {
      if (ex.method !== "GET" && !ex.head) throw notAllowed(ex.method);
      const digest = requireDigest(ex.ref);
      const artifactType = ex.url.searchParams.get("artifactType") || void 0;
      const store = await storage.repos.get(ex.name);
      const list3 = store ? await store.referrerDescriptors(digest, { artifactType }) : [];
      const headers = { "Content-Type": MediaType.ImageIndex };
      if (artifactType) headers["OCI-Filters-Applied"] = "artifactType";
      send(ex.res, 200, headers, encodeIndex({ schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: list3 }), ex.head);
    };
  }
});

// src/server/handlers/tags.ts
var tags;
var init_tags = __esm({
  "src/server/handlers/tags.ts"() {
    "use strict";
    init_reference();
    init_protocol();
    init_http();
    tags = async (storage, ex) => {
      if (ex.method !== "GET" && !ex.head) throw notAllowed(ex.method);
      const store = await storage.repos.require(ex.name);
      const n2 = pageSize(ex.url);
      const all = [];
      for await (const t of store.tags()) if (isValidTag(t)) all.push(t);
      const page = paginate(all.sort(compareNames), n2, ex.url.searchParams.get("last") ?? void 0);
      const headers = { "Content-Type": JSON_TYPE };
      if (page.next !== void 0 && n2 !== void 0) headers.Link = nextLink(`/v2/${ex.name}/tags/list`, n2, page.next);
      send(ex.res, 200, headers, JSON.stringify({ name: ex.name, tags: page.items }), ex.head);
    };
  }
});

// src/server/handlers/uploads.ts
function finish(storage, name, uuid, digest, body, range) {
  const commit = async (file, size) => {
    const store = await storage.repos.create(name);
    await store.adoptBlob({ mediaType: MediaType.OctetStream, digest, size }, file, "move");
  };
  return storage.uploads.finish(name, uuid, digest, commit, body, range);
}
var uploadHeaders, blobCreated, startUpload, upload;
var init_uploads = __esm({
  "src/server/handlers/uploads.ts"() {
    "use strict";
    init_mediatypes();
    init_errors3();
    init_protocol();
    init_http();
    uploadHeaders = (name, uuid, size) => ({
      Location: `/v2/${name}/blobs/uploads/${uuid}`,
      Range: uploadRange(size),
      "Docker-Upload-UUID": uuid
    });
    blobCreated = (ex, digest) => send(ex.res, 201, { Location: `/v2/${ex.name}/blobs/${digest}`, "Docker-Content-Digest": digest });
    startUpload = async (storage, ex) => {
      if (ex.method !== "POST") throw notAllowed(ex.method);
      const { url, name } = ex;
      const mount = url.searchParams.get("mount");
      const from = url.searchParams.get("from");
      if (mount !== null) {
        const digest = requireDigest(mount, "mount digest");
        if (from !== null && repositoryNameProblem(from) === void 0 && await storage.repos.mount(name, from, digest)) {
          blobCreated(ex, digest);
          return;
        }
      }
      const digestParam = url.searchParams.get("digest");
      if (digestParam !== null && mount === null) {
        const digest = requireDigest(digestParam);
        const uuid2 = await storage.uploads.start(name, ex.client);
        try {
          await finish(storage, name, uuid2, digest, ex.req);
        } catch (err) {
          await storage.uploads.cancel(name, uuid2).catch(() => void 0);
          throw err;
        }
        blobCreated(ex, digest);
        return;
      }
      const uuid = await storage.uploads.start(name, ex.client);
      send(ex.res, 202, uploadHeaders(name, uuid, 0));
    };
    upload = async (storage, ex) => {
      const { req, name, ref: uuid, method } = ex;
      const sessions = storage.uploads;
      if (method === "GET" || method === "HEAD") {
        send(ex.res, 204, uploadHeaders(name, uuid, await sessions.size(name, uuid)));
        return;
      }
      if (method === "DELETE") {
        await sessions.cancel(name, uuid);
        send(ex.res, 204, {});
        return;
      }
      if (method !== "PATCH" && method !== "PUT") throw notAllowed(method);
      const crHeader = req.headers["content-range"];
      const range = crHeader === void 0 ? void 0 : parseContentRange2(crHeader);
      try {
        if (crHeader !== void 0 && !range) throw httpError(416, "BLOB_UPLOAD_INVALID", `invalid Content-Range ${JSON.stringify(crHeader)}`);
        const declared = req.headers["content-length"];
        if (range && declared !== void 0 && Number(declared) !== range.end - range.start + 1) {
          throw httpError(416, "BLOB_UPLOAD_INVALID", `Content-Length ${declared} does not match Content-Range ${crHeader}`);
        }
        if (method === "PATCH") {
          const size = await sessions.append(name, uuid, req, range);
          send(ex.res, 202, uploadHeaders(name, uuid, size));
          return;
        }
        const digest = requireDigest(ex.url.searchParams.get("digest"));
        await finish(storage, name, uuid, digest, hasBody(req) ? req : void 0, range);
        blobCreated(ex, digest);
      } catch (err) {
        if (err instanceof RegistryHttpError && err.status === 416) {
          const size = await sessions.size(name, uuid).catch(() => void 0);
          if (size !== void 0) throw httpError(416, err.code, err.message, err.detail, { ...uploadHeaders(name, uuid, size) });
        }
        throw err;
      }
    };
  }
});

// src/server/repositories.ts
import { readdir as readdir2, stat as stat11 } from "node:fs/promises";
import { join as join14 } from "node:path";
async function indexStamp(dir) {
  try {
    const st = await stat11(join14(dir, INDEX_FILE));
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return void 0;
  }
}
var DEFAULT_MAX_OPEN_REPOSITORIES, MAX_CATALOG_DIRS, OpenRepository, RepositoryStores;
var init_repositories = __esm({
  "src/server/repositories.ts"() {
    "use strict";
    init_errors();
    init_oci_layout();
    init_mediatypes();
    init_errors3();
    init_protocol();
    DEFAULT_MAX_OPEN_REPOSITORIES = 256;
    MAX_CATALOG_DIRS = 1e5;
    OpenRepository = class {
      store;
      /** `index.json`'s inode, size and mtime when the store last read it (undefined: it was missing). */
      indexStamp;
      constructor(dir, create) {
        this.store = this.load(dir, create);
      }
      async load(dir, create) {
        const stamp = await indexStamp(dir);
        const store = await OciLayoutStore.open(dir, { durable: true, autoGC: false, create });
        this.indexStamp = stamp;
        return store;
      }
    };
    RepositoryStores = class {
      constructor(root, opts = {}) {
        this.root = root;
        this.readOnly = opts.readOnly ?? false;
        this.maxOpen = Math.max(1, opts.maxOpenRepositories ?? DEFAULT_MAX_OPEN_REPOSITORIES);
      }
      root;
      maxOpen;
      readOnly;
      open = /* @__PURE__ */ new Map();
      dir(name) {
        return join14(this.root, ...name.split("/"));
      }
      /** True when `<root>/<name>/oci-layout` is a file. */
      async exists(name) {
        try {
          return (await stat11(join14(this.dir(name), LAYOUT_FILE))).isFile();
        } catch {
          return false;
        }
      }
      /**
       * The store of an existing repository, up to date with what other processes wrote; undefined when
       * there is none. An open store costs one `stat` of `index.json` (read again only when it changed);
       * when that is gone, `oci-layout` decides whether the repository still exists.
       */
      async get(name) {
        const open10 = this.open.get(name);
        if (open10) {
          const stamp = await indexStamp(this.dir(name));
          if (stamp !== void 0) return this.catchUp(name, open10, stamp);
        }
        if (!await this.exists(name)) {
          this.forget(name);
          return void 0;
        }
        try {
          return await this.store(name, !this.readOnly);
        } catch (err) {
          if (OrasError.is(err) && err.code === "NOT_FOUND") return void 0;
          throw err;
        }
      }
      /** `get`, or 404 NAME_UNKNOWN. */
      async require(name) {
        const store = await this.get(name);
        if (!store) throw httpError(404, "NAME_UNKNOWN", `repository ${JSON.stringify(name)} is not known to registry`, { name });
        return store;
      }
      /** The store of a repository, created when missing (writes only). */
      async create(name) {
        if (this.readOnly) throw httpError(405, "UNSUPPORTED", "the registry is read-only");
        return this.store(name, true);
      }
      /** The store of `name`, caught up with `index.json`: the open one, else opened now. */
      async store(name, create) {
        const dir = this.dir(name);
        const open10 = this.open.get(name);
        if (open10) return this.catchUp(name, open10, await indexStamp(dir));
        const opening = new OpenRepository(dir, create);
        this.open.set(name, opening);
        opening.store.catch(() => {
          if (this.open.get(name) === opening) this.open.delete(name);
        });
        while (this.open.size > this.maxOpen) {
          const oldest = this.open.keys().next().value;
          this.forget(oldest);
        }
        return opening.store;
      }
      /** An open store, re-read when `index.json` changed since it last looked (or cannot be looked at); most recently used last. */
      async catchUp(name, open10, stamp) {
        if (this.open.get(name) === open10) {
          this.open.delete(name);
          this.open.set(name, open10);
        }
        const store = await open10.store;
        if (stamp === void 0 || stamp !== open10.indexStamp) {
          await store.refresh();
          open10.indexStamp = stamp;
        }
        return store;
      }
      /** Closes a cached store (requests still holding it finish; the next one reopens). */
      forget(name) {
        const open10 = this.open.get(name);
        if (!open10) return;
        this.open.delete(name);
        void open10.store.then((s2) => s2.close()).catch(() => void 0);
      }
      /** Stores open now. */
      get openCount() {
        return this.open.size;
      }
      async close() {
        const all = [...this.open.values()];
        this.open.clear();
        await Promise.allSettled(all.map(async (o) => (await o.store).close()));
      }
      /** Links a blob of `from` into `name` (hard link, else copy). False when `from` lacks it. */
      async mount(name, from, digest) {
        const src = await this.get(from);
        const size = await src?.blobSize(digest);
        if (size === void 0) return false;
        const dst = await this.create(name);
        try {
          await dst.adoptBlob({ mediaType: MediaType.OctetStream, digest, size }, join14(this.dir(from), blobPath(digest)), "link");
        } catch (err) {
          if (OrasError.is(err) && err.code === "NOT_FOUND") return false;
          throw err;
        }
        return true;
      }
      /** All repositories (directories holding an `oci-layout` file), sorted. */
      async list() {
        const out = [];
        const queue = [""];
        for (let next = 0; next < queue.length && next < MAX_CATALOG_DIRS; ) {
          const rel = queue[next++];
          let entries;
          try {
            entries = await readdir2(rel === "" ? this.root : this.dir(rel), { withFileTypes: true });
          } catch {
            continue;
          }
          if (rel !== "" && entries.some((e) => e.name === LAYOUT_FILE && e.isFile()) && repositoryNameProblem(rel) === void 0) out.push(rel);
          for (const e of entries) {
            if (!e.isDirectory() || RESERVED_COMPONENTS.has(e.name)) continue;
            if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(e.name)) continue;
            queue.push(rel === "" ? e.name : `${rel}/${e.name}`);
          }
        }
        return out.sort(compareNames);
      }
    };
  }
});

// src/server/uploads.ts
import { randomUUID } from "node:crypto";
import { createWriteStream as createWriteStream3 } from "node:fs";
import { mkdir as mkdir6, open as open9, readdir as readdir3, readFile as readFile6, rm as rm3, stat as stat12, truncate, unlink as unlink6 } from "node:fs/promises";
import { join as join15 } from "node:path";
import { Transform as Transform2 } from "node:stream";
import { pipeline as pipeline9 } from "node:stream/promises";
function sweepIntervalMs(ttl) {
  return Math.min(Math.max(Math.floor(ttl / 2), 10), 5 * 6e4);
}
async function readSession(dir) {
  try {
    const info = JSON.parse(await readFile6(join15(dir, "info.json"), "utf8"));
    const data = await stat12(join15(dir, "data"));
    if (typeof info.repository !== "string" || repositoryNameProblem(info.repository) !== void 0 || !data.isFile()) return void 0;
    return { repository: info.repository, client: typeof info.client === "string" ? info.client : "-", touched: data.mtimeMs };
  } catch {
    return void 0;
  }
}
async function fileSize(path) {
  try {
    const st = await stat12(path);
    return st.isFile() ? st.size : void 0;
  } catch (err) {
    if (isNotFound(err)) return void 0;
    throw err;
  }
}
var UPLOADS_DIR, TMP_DIR, UUID_RE, DEFAULT_MAX_UPLOADS, DEFAULT_MAX_UPLOADS_PER_CLIENT, DEFAULT_UPLOAD_TTL_MS, ChunkStream, UploadSessions;
var init_uploads2 = __esm({
  "src/server/uploads.ts"() {
    "use strict";
    init_fsutil();
    init_digest();
    init_pack();
    init_errors3();
    init_mutex();
    init_protocol();
    UPLOADS_DIR = "_uploads";
    TMP_DIR = "_tmp";
    UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    DEFAULT_MAX_UPLOADS = 1024;
    DEFAULT_MAX_UPLOADS_PER_CLIENT = 64;
    DEFAULT_UPLOAD_TTL_MS = 36e5;
    ChunkStream = class extends Transform2 {
      constructor(limit, hasher) {
        super();
        this.limit = limit;
        this.hasher = hasher;
      }
      limit;
      hasher;
      n = 0;
      overflow = false;
      _transform(chunk, _enc, done) {
        let out = chunk;
        if (this.limit !== void 0) {
          const room = this.limit - this.n;
          this.n += chunk.length;
          if (chunk.length > room) {
            this.overflow = true;
            out = room > 0 ? chunk.subarray(0, room) : void 0;
          }
        }
        if (out && this.hasher) {
          this.hasher.digester.update(out);
          this.hasher.size += out.length;
        }
        done(null, out);
      }
    };
    UploadSessions = class {
      maxUploads;
      maxUploadsPerClient;
      uploadTtlMs;
      dir;
      tmpDir;
      lock = new KeyedMutex();
      sessions = /* @__PURE__ */ new Map();
      sweeper;
      constructor(root, limits = {}) {
        this.dir = join15(root, UPLOADS_DIR);
        this.tmpDir = join15(root, TMP_DIR);
        this.maxUploads = limits.maxUploads ?? DEFAULT_MAX_UPLOADS;
        this.maxUploadsPerClient = limits.maxUploadsPerClient ?? DEFAULT_MAX_UPLOADS_PER_CLIENT;
        this.uploadTtlMs = limits.uploadTtlMs ?? DEFAULT_UPLOAD_TTL_MS;
      }
      /**
       * Clears stale temp files, drops sessions a crash left incomplete or that expired while the
       * server was down, and starts the expiry sweep.
       */
      async init() {
        await mkdir6(this.dir, { recursive: true });
        await rm3(this.tmpDir, { recursive: true, force: true });
        await mkdir6(this.tmpDir, { recursive: true });
        const now = Date.now();
        for (const entry of await readdir3(this.dir)) {
          const dir = join15(this.dir, entry);
          const session = UUID_RE.test(entry) ? await readSession(dir) : void 0;
          if (session && now - session.touched < this.uploadTtlMs) this.sessions.set(entry, session);
          else await rm3(dir, { recursive: true, force: true });
        }
        if (!this.sweeper) {
          this.sweeper = setInterval(() => this.expireIdle(Date.now()), sweepIntervalMs(this.uploadTtlMs));
          this.sweeper.unref();
        }
      }
      /** Stops the expiry sweep (the files stay; a later `init` resumes). */
      close() {
        if (this.sweeper) clearInterval(this.sweeper);
        this.sweeper = void 0;
      }
      sessionDir(uuid) {
        if (!UUID_RE.test(uuid)) throw httpError(404, "BLOB_UPLOAD_UNKNOWN", `upload ${JSON.stringify(uuid)} is not known to registry`);
        return join15(this.dir, uuid);
      }
      /** Upload sessions open now (all clients). */
      get count() {
        return this.sessions.size;
      }
      /**
       * Opens an upload session for `client` (its remote address); its id goes into the `Location`.
       * The slot is reserved before any await, so concurrent requests cannot pass the bounds.
       */
      async start(name, client = "-") {
        this.reserve(client, Date.now());
        const uuid = randomUUID();
        const session = { repository: name, client, touched: Date.now() };
        this.sessions.set(uuid, session);
        const dir = join15(this.dir, uuid);
        await this.lock.run(uuid, async () => {
          try {
            await mkdir6(dir);
            const fh = await open9(join15(dir, "data"), "wx", 420);
            await fh.close();
            const info = JSON.stringify({ repository: name, client, startedAt: (/* @__PURE__ */ new Date()).toISOString() });
            await writeFileAtomic(join15(dir, "info.json"), info, { durable: true, tmpDir: this.tmpDir });
          } catch (err) {
            this.sessions.delete(uuid);
            await rm3(dir, { recursive: true, force: true }).catch(() => void 0);
            throw err;
          }
          session.hasher = { digester: new Digester("sha256"), size: 0 };
        });
        return uuid;
      }
      /** Throws 429 TOO_MANY_REQUESTS (with Retry-After) when no session may be opened for `client`, after expiring idle ones. Synchronous. */
      reserve(client, now) {
        const full = () => this.sessions.size >= this.maxUploads || this.sessionsOf(client) >= this.maxUploadsPerClient;
        if (!full()) return;
        this.expireIdle(now);
        if (!full()) return;
        const mine = this.sessions.size < this.maxUploads;
        let soonest = Number.POSITIVE_INFINITY;
        for (const s2 of this.sessions.values()) if (!mine || s2.client === client) soonest = Math.min(soonest, s2.touched + this.uploadTtlMs);
        const retry = String(Math.max(1, Math.ceil((soonest - now) / 1e3)));
        const message = mine ? `too many open upload sessions from this client (${this.maxUploadsPerClient}); finish or cancel some` : `too many open upload sessions (${this.maxUploads}); retry later`;
        throw httpError(429, "TOO_MANY_REQUESTS", message, void 0, { "Retry-After": retry });
      }
      /** Sessions `client` holds now, counted over the open sessions (a walk per POST). */
      sessionsOf(client) {
        let n2 = 0;
        for (const s2 of this.sessions.values()) if (s2.client === client) n2++;
        return n2;
      }
      /**
       * Forgets every session that received no data for `uploadTtlMs` and is not in use (synchronous),
       * then deletes their directories in the background. Returns how many expired.
       */
      expireIdle(now) {
        const expired = [];
        for (const [uuid, s2] of this.sessions) {
          if (now - s2.touched >= this.uploadTtlMs && !this.lock.busy(uuid)) expired.push(uuid);
        }
        for (const uuid of expired) {
          this.sessions.delete(uuid);
          void this.lock.run(uuid, () => this.deleteFiles(uuid)).catch(() => void 0);
        }
        return expired.length;
      }
      /** Bytes received so far by an upload of this repository (BLOB_UPLOAD_UNKNOWN otherwise). */
      async size(name, uuid) {
        const dir = this.sessionDir(uuid);
        const unknown = () => httpError(404, "BLOB_UPLOAD_UNKNOWN", `upload ${uuid} is not known to registry`, { uuid });
        if (this.sessions.get(uuid)?.repository !== name) throw unknown();
        const size = await fileSize(join15(dir, "data"));
        if (size === void 0) throw unknown();
        return size;
      }
      /**
       * Appends a request body to an upload. With `range`, the chunk must start at the current size
       * (416 otherwise) and be exactly as long as the range. A chunk is kept whole or not at all: on
       * any failure (416, a write error, a client that went away) the data is cut back to its size
       * before the request. Returns the new size.
       */
      async append(name, uuid, body, range) {
        return this.lock.run(uuid, () => this.appendLocked(name, uuid, body, range));
      }
      async appendLocked(name, uuid, body, range) {
        const size = await this.size(name, uuid);
        if (range && range.start !== size) {
          throw httpError(416, "BLOB_UPLOAD_INVALID", `chunk starts at ${range.start} but the upload has ${size} bytes`, { start: range.start, size });
        }
        const file = join15(this.sessionDir(uuid), "data");
        const session = this.sessions.get(uuid);
        if (!session) throw httpError(404, "BLOB_UPLOAD_UNKNOWN", `upload ${uuid} vanished`);
        if (session.hasher && session.hasher.size !== size) session.hasher = void 0;
        const touch = () => {
          session.touched = Date.now();
        };
        touch();
        const limit = range ? range.end - range.start + 1 : void 0;
        const chunk = new ChunkStream(limit, session.hasher);
        let now;
        try {
          await pipeline9(body, chunk, createWriteStream3(file, { flags: "r+", start: size }));
          if (chunk.overflow || limit !== void 0 && chunk.n !== limit) {
            throw httpError(416, "BLOB_UPLOAD_INVALID", `chunk has ${chunk.n} bytes but its Content-Range says ${limit}`);
          }
          await syncFile(file);
          now = await fileSize(file);
          if (now === void 0) throw httpError(404, "BLOB_UPLOAD_UNKNOWN", `upload ${uuid} vanished`);
        } catch (err) {
          session.hasher = void 0;
          await truncate(file, size).catch(() => void 0);
          throw err;
        } finally {
          touch();
        }
        if (session.hasher && session.hasher.size !== now) session.hasher = void 0;
        return now;
      }
      /**
       * Finishes an upload: appends `body` (when given), checks the digest of everything received
       * (DIGEST_INVALID, and the session is dropped, on a mismatch), then hands the data file to
       * `commit` (which moves it into the repository) and drops the session. Returns the blob size.
       */
      async finish(name, uuid, digest, commit, body, range) {
        return this.lock.run(uuid, async () => {
          const size = body ? await this.appendLocked(name, uuid, body, range) : await this.size(name, uuid);
          const file = join15(this.sessionDir(uuid), "data");
          const alg = algorithmOf(digest);
          const session = this.sessions.get(uuid);
          const hasher = session?.hasher;
          if (session) session.hasher = void 0;
          let got;
          if (hasher && hasher.size === size && alg === "sha256") got = hasher.digester.digest();
          else got = (await digestFile(file, void 0, void 0, alg)).digest;
          if (got !== digest) {
            await this.drop(uuid);
            throw httpError(400, "DIGEST_INVALID", `provided digest ${digest} did not match uploaded content (${got})`, { digest, got });
          }
          await commit(file, size);
          await this.drop(uuid);
          return size;
        });
      }
      async cancel(name, uuid) {
        await this.lock.run(uuid, async () => {
          await this.size(name, uuid);
          await this.drop(uuid);
        });
      }
      async drop(uuid) {
        this.sessions.delete(uuid);
        await this.deleteFiles(uuid);
      }
      async deleteFiles(uuid) {
        const dir = this.sessionDir(uuid);
        await unlink6(join15(dir, "info.json")).catch(() => void 0);
        await rm3(dir, { recursive: true, force: true });
      }
    };
  }
});

// src/server/registry-storage.ts
import { mkdir as mkdir7, stat as stat13 } from "node:fs/promises";
var RegistryStorage;
var init_registry_storage = __esm({
  "src/server/registry-storage.ts"() {
    "use strict";
    init_repositories();
    init_uploads2();
    RegistryStorage = class {
      root;
      readOnly;
      repos;
      uploads;
      constructor(opts) {
        this.root = opts.root;
        this.readOnly = opts.readOnly ?? false;
        this.repos = new RepositoryStores(opts.root, {
          readOnly: this.readOnly,
          ...opts.maxOpenRepositories !== void 0 ? { maxOpenRepositories: opts.maxOpenRepositories } : {}
        });
        this.uploads = new UploadSessions(opts.root, opts);
      }
      /** Creates the root (unless read-only) and prepares the upload sessions. */
      async init() {
        if (this.readOnly) {
          const st = await stat13(this.root);
          if (!st.isDirectory()) throw new Error(`${this.root} is not a directory`);
          return;
        }
        await mkdir7(this.root, { recursive: true });
        await this.uploads.init();
      }
      /** Upload sessions open now (all clients). */
      get uploadCount() {
        return this.uploads.count;
      }
      /** Stops the upload expiry sweep and closes the layout stores (the files stay). */
      async close() {
        this.uploads.close();
        await this.repos.close();
      }
    };
  }
});

// src/server/server.ts
import { readFile as readFile7 } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
function parseListenAddress(addr) {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(addr);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port > 65535) throw new OrasError("INVALID_ARGUMENT", `invalid listen address ${JSON.stringify(addr)}: expected host:port`);
  const host = m[1] ?? (m[2] === "" ? "0.0.0.0" : m[2]);
  return { host, port };
}
function defaultLogger(level, message) {
  process.stderr.write(`${(/* @__PURE__ */ new Date()).toISOString()} ${level} ${message}
`);
}
function decodeSegment(s2) {
  try {
    return decodeURIComponent(s2);
  } catch {
    return s2;
  }
}
function routeOf(path) {
  if (path === "/v2" || path === "/v2/") return { handle: base, name: "", ref: "" };
  if (path === "/v2/_catalog") return { handle: catalog, name: "", ref: "" };
  for (const r of ROUTES) {
    const m = r.re.exec(path);
    if (!m) continue;
    const name = m[1];
    const problem = repositoryNameProblem(name);
    if (problem) throw httpError(400, "NAME_INVALID", problem, { name });
    return { handle: r.handle, name, ref: m[2] === void 0 ? "" : decodeSegment(m[2]) };
  }
  return void 0;
}
function createRegistryServer(options) {
  const storage = new RegistryStorage({
    root: options.root,
    ...options.readOnly ? { readOnly: true } : {},
    ...options.maxUploads !== void 0 ? { maxUploads: options.maxUploads } : {},
    ...options.maxUploadsPerClient !== void 0 ? { maxUploadsPerClient: options.maxUploadsPerClient } : {},
    ...options.uploadTtlMs !== void 0 ? { uploadTtlMs: options.uploadTtlMs } : {},
    ...options.maxOpenRepositories !== void 0 ? { maxOpenRepositories: options.maxOpenRepositories } : {}
  });
  const threshold = LEVELS[options.logLevel ?? "info"];
  const sink = options.logger ?? defaultLogger;
  const log = (level, message) => {
    if (LEVELS[level] >= threshold) sink(level, message);
  };
  const accessLog = LEVELS.info >= threshold;
  const htpasswd = options.htpasswd !== void 0 ? new HtpasswdFile(options.htpasswd) : void 0;
  const authenticator = htpasswd ? new Authenticator(htpasswd, options.authLimits) : void 0;
  const realm = options.realm ?? "oras-ts";
  const watch = {
    idleMs: options.requestIdleTimeoutMs ?? DEFAULT_REQUEST_IDLE_TIMEOUT_MS,
    minBytesPerSecond: options.minRequestBytesPerSecond ?? DEFAULT_MIN_REQUEST_BYTES_PER_SECOND,
    windowMs: options.requestRateWindowMs ?? DEFAULT_REQUEST_RATE_WINDOW_MS
  };
  let ready;
  const init = () => {
    ready ??= (async () => {
      try {
        await storage.init();
      } catch (err) {
        throw new OrasError("INVALID_ARGUMENT", `cannot use ${JSON.stringify(options.root)} as the registry root: ${err.message}`, { cause: err });
      }
      if (htpasswd) {
        try {
          await htpasswd.load();
        } catch (err) {
          throw new OrasError("INVALID_ARGUMENT", `cannot use htpasswd file: ${err.message}`, { cause: err });
        }
      }
    })();
    return ready;
  };
  async function authorize(req, client) {
    if (!authenticator) return void 0;
    const creds = parseBasicAuthorization(req.headers.authorization);
    const result = creds ? await authenticator.authenticate(client, creds.username, creds.password) : void 0;
    if (creds && result?.kind === "ok") return creds.username;
    if (result?.kind === "throttled") {
      throw httpError(429, "TOO_MANY_REQUESTS", "too many failed authentication attempts; retry later", void 0, { "Retry-After": String(result.retryAfterSeconds) });
    }
    throw httpError(401, "UNAUTHORIZED", "authentication required", void 0, {
      "WWW-Authenticate": `Basic realm=${JSON.stringify(realm)}`
    });
  }
  async function route(req, res, url) {
    const method = req.method ?? "GET";
    const client = clientOf(req);
    await init();
    await authorize(req, client);
    if (storage.readOnly && method !== "GET" && method !== "HEAD") {
      throw httpError(405, "UNSUPPORTED", "the registry is read-only");
    }
    const r = routeOf(url.pathname);
    if (!r) throw httpError(404, "UNSUPPORTED", `no route for ${method} ${url.pathname}`);
    await r.handle(storage, { req, res, url, method, head: method === "HEAD", client, name: r.name, ref: r.ref });
  }
  const handler = (req, res) => {
    const started = performance.now();
    const method = req.method ?? "GET";
    req.on("error", () => void 0);
    res.on("error", () => void 0);
    res.setHeader("Docker-Distribution-API-Version", API_VERSION);
    watchRequest(req, res, watch, (why) => {
      const what = why === "slow" ? `request body slower than ${watch.minBytesPerSecond} bytes/s` : `no byte moved for ${watch.idleMs} ms`;
      log("debug", `${req.socket.remoteAddress ?? "-"} ${method}: ${what}; connection closed`);
      req.socket.destroy();
    });
    let url;
    try {
      url = new URL(req.url ?? "/", "http://registry.invalid");
    } catch {
      sendError(res, httpError(400, "UNSUPPORTED", "malformed request target"), method === "HEAD");
      return;
    }
    if (accessLog) {
      res.once("close", () => {
        const ms = Math.round(performance.now() - started);
        const bytes = method === "HEAD" ? 0 : Number(res.getHeader("content-length") ?? 0);
        const status = res.writableFinished ? String(res.statusCode) : `${res.statusCode} aborted`;
        log("info", `${req.socket.remoteAddress ?? "-"} ${method} ${url.pathname}${url.search} ${status} ${bytes} bytes ${ms} ms`);
      });
    }
    route(req, res, url).catch((err) => {
      let e;
      if (err instanceof RegistryHttpError) e = err;
      else if (isClientGone(err, req)) {
        log("debug", `${method} ${url.pathname}: client went away: ${err.message}`);
        res.destroy();
        return;
      } else {
        log("error", `${method} ${url.pathname}: ${err?.stack ?? String(err)}`);
        e = httpError(500, "UNKNOWN", "internal server error");
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      for (const h of res.getHeaderNames()) if (h !== "docker-distribution-api-version") res.removeHeader(h);
      sendError(res, e, method === "HEAD");
    });
  };
  let server;
  return {
    handler,
    storage,
    async listen() {
      if (server) throw new OrasError("INVALID_ARGUMENT", "the registry server is already listening");
      await init();
      const { host, port } = parseListenAddress(options.addr ?? "127.0.0.1:5000");
      const timeouts = { requestTimeout: 0, headersTimeout: HEADERS_TIMEOUT_MS, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS };
      let srv;
      if (options.tls) {
        const cert = await readPem2(options.tls.cert, "TLS certificate");
        const key = await readPem2(options.tls.key, "TLS key");
        try {
          srv = process.getBuiltinModule("node:https").createServer({ cert, key, ...timeouts }, handler);
        } catch (err) {
          throw new OrasError("TLS_ERROR", `invalid TLS certificate or key: ${err.message}`, { cause: err });
        }
      } else {
        srv = createHttpServer(timeouts, handler);
      }
      limitConnections(srv, options.maxConnections ?? DEFAULT_MAX_CONNECTIONS, options.maxConnectionsPerClient ?? DEFAULT_MAX_CONNECTIONS_PER_CLIENT);
      server = srv;
      await new Promise((resolve5, reject) => {
        srv.once("error", reject);
        srv.listen(port, host, () => {
          srv.off("error", reject);
          resolve5();
        });
      }).catch((err) => {
        server = void 0;
        throw new OrasError("NETWORK_ERROR", `cannot listen on ${host}:${port}: ${err.message}`, { cause: err });
      });
      const a = srv.address();
      const shown = a.address.includes(":") ? `[${a.address}]` : a.address;
      const url = `${options.tls ? "https" : "http"}://${shown}:${a.port}`;
      log("info", `oras-ts registry serving ${storage.root} on ${url}${storage.readOnly ? " (read-only)" : ""}${htpasswd ? " (htpasswd)" : ""}`);
      return { host: a.address, port: a.port, url };
    },
    async close() {
      const srv = server;
      server = void 0;
      if (srv) {
        const closed = new Promise((resolve5) => srv.close(() => resolve5()));
        srv.closeAllConnections();
        await closed;
      }
      await storage.close();
      await authenticator?.close();
    }
  };
}
async function readPem2(path, what) {
  try {
    return await readFile7(path);
  } catch (err) {
    throw new OrasError("INVALID_ARGUMENT", `cannot read ${what} ${JSON.stringify(path)}: ${err.message}`, { cause: err });
  }
}
function clientOf(req) {
  return clientOfSocket(req.socket);
}
function isClientGone(err, req) {
  const code = err?.code;
  return (req.socket?.destroyed ?? false) || code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE" || code === "EPIPE";
}
var DEFAULT_REQUEST_IDLE_TIMEOUT_MS, HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS, LEVELS, API_VERSION, ROUTES;
var init_server = __esm({
  "src/server/server.ts"() {
    "use strict";
    init_errors();
    init_auth();
    init_connections();
    init_errors3();
    init_base();
    init_blobs();
    init_http();
    init_manifests();
    init_referrers3();
    init_tags();
    init_uploads();
    init_htpasswd();
    init_protocol();
    init_registry_storage();
    DEFAULT_REQUEST_IDLE_TIMEOUT_MS = 6e4;
    HEADERS_TIMEOUT_MS = 6e4;
    KEEP_ALIVE_TIMEOUT_MS = 3e4;
    LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
    API_VERSION = "registry/2.0";
    ROUTES = [
      { re: /^\/v2\/(.+)\/tags\/list$/, handle: tags },
      { re: /^\/v2\/(.+)\/manifests\/([^/]+)$/, handle: manifests },
      { re: /^\/v2\/(.+)\/blobs\/uploads\/?$/, handle: startUpload },
      { re: /^\/v2\/(.+)\/blobs\/uploads\/([^/]+)$/, handle: upload },
      { re: /^\/v2\/(.+)\/blobs\/([^/]+)$/, handle: blobs },
      { re: /^\/v2\/(.+)\/referrers\/([^/]+)$/, handle: referrers2 }
    ];
  }
});

// src/server/index.ts
var init_server2 = __esm({
  "src/server/index.ts"() {
    "use strict";
    init_auth();
    init_connections();
    init_errors3();
    init_htpasswd();
    init_protocol();
    init_server();
    init_registry_storage();
    init_repositories();
    init_uploads2();
  }
});

// src/cli/commands/serve.ts
var serve_exports = {};
__export(serve_exports, {
  define: () => define15,
  runServe: () => runServe
});
import { resolve as resolvePath11 } from "node:path";
function define15(cmd, io) {
  cmd.description("Serve an OCI distribution-spec v1.1 registry (with the referrers API) from a local directory").argument("[args...]").option("--addr <host:port>", "address to listen on", "127.0.0.1:5000").option("--root <dir>", "storage directory: one OCI image layout per repository", "./oras-ts-registry").option("--read-only", "refuse every write").option("--htpasswd <file>", "require Basic credentials from an htpasswd file (bcrypt entries)").option("--tls-cert <file>", "serve https with this PEM certificate (with --tls-key)").option("--tls-key <file>", "PEM private key for --tls-cert").option("--upload-ttl <duration>", "delete an upload session (and its data) that received nothing for this long, e.g. 30m, 1h, 2h30m", "1h").option("--max-uploads <n>", "upload sessions open at once, all clients together (429 beyond)", "1024").option("--max-uploads-per-client <n>", "upload sessions one client (remote address) may hold at once (429 beyond)", "64").option("--request-idle-timeout <duration>", "close a connection whose request body or response moves no byte for this long (0s: never)", "60s").option("--min-request-rate <bytes/s>", "close a connection whose request body arrives slower than this, averaged over each --request-rate-window after the first (0: never)", "1024").option("--request-rate-window <duration>", "grace period and averaging window of --min-request-rate", "30s").option("--max-connections <n>", "open connections, all clients together (closed at once beyond)", "1024").option("--max-connections-per-client <n>", "open connections of one client (remote address; an IPv6 /64) (closed at once beyond)", "64").option("--log-level <level>", `one of ${LEVELS2.join(", ")}`, "info").option("-d, --debug", "log at debug level").action((args, flags) => runServe(args, flags, io));
}
async function runServe(args, flags, io) {
  checkArgs(io, "serve", args, 0, 0);
  if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) throw new OrasError("INVALID_ARGUMENT", "--tls-cert must be used in conjunction with --tls-key");
  const level = flags.debug ? "debug" : flags.logLevel;
  if (!LEVELS2.includes(level)) throw new OrasError("INVALID_ARGUMENT", `invalid --log-level ${JSON.stringify(level)}: use one of ${LEVELS2.join(", ")}`);
  const server = createRegistryServer({
    root: resolvePath11(io.cwd, flags.root),
    addr: flags.addr,
    logLevel: level,
    logger: (lvl, message) => io.stderr.write(`${lvl} ${message}
`),
    uploadTtlMs: parseDuration("--upload-ttl", flags.uploadTtl),
    maxUploads: parseCount("--max-uploads", flags.maxUploads),
    maxUploadsPerClient: parseCount("--max-uploads-per-client", flags.maxUploadsPerClient),
    requestIdleTimeoutMs: parseDuration("--request-idle-timeout", flags.requestIdleTimeout, { allowZero: true }),
    minRequestBytesPerSecond: parseCount("--min-request-rate", flags.minRequestRate, 0),
    requestRateWindowMs: parseDuration("--request-rate-window", flags.requestRateWindow),
    maxConnections: parseCount("--max-connections", flags.maxConnections),
    maxConnectionsPerClient: parseCount("--max-connections-per-client", flags.maxConnectionsPerClient),
    ...flags.readOnly ? { readOnly: true } : {},
    ...flags.htpasswd ? { htpasswd: resolvePath11(io.cwd, flags.htpasswd) } : {},
    ...flags.tlsCert && flags.tlsKey ? { tls: { cert: resolvePath11(io.cwd, flags.tlsCert), key: resolvePath11(io.cwd, flags.tlsKey) } } : {}
  });
  const addr = await server.listen();
  io.stdout.write(`Serving ${resolvePath11(io.cwd, flags.root)} at ${addr.url}
`);
  await new Promise((resolve5) => {
    if (!io.signal) return;
    if (io.signal.aborted) resolve5();
    io.signal.addEventListener("abort", () => resolve5(), { once: true });
  });
  await server.close();
}
function parseCount(flag, value, min = 1) {
  const n2 = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n2 >= min)) throw new OrasError("INVALID_ARGUMENT", `invalid ${flag} ${JSON.stringify(value)}: expected ${min > 0 ? "a positive" : "a non-negative"} integer`);
  return n2;
}
var LEVELS2;
var init_serve = __esm({
  "src/cli/commands/serve.ts"() {
    "use strict";
    init_errors();
    init_server2();
    init_common();
    init_duration();
    LEVELS2 = ["debug", "info", "warn", "error", "silent"];
  }
});

// src/cli/version.ts
var init_version = __esm({
  "src/cli/version.ts"() {
    "use strict";
    init_options();
  }
});

// src/cli/commands/version.ts
var version_exports = {};
__export(version_exports, {
  define: () => define16,
  versionLines: () => versionLines
});
function versionLines() {
  const pairs = [
    ["Version", packageVersion()],
    ["Node version", process.version],
    ["OS/Arch", `${process.platform}/${GO_ARCH2[process.arch] ?? process.arch}`]
  ];
  const width = Math.max(...pairs.map(([k]) => k.length + 1));
  return pairs.map(([k, v]) => `${`${k}:`.padEnd(width)} ${v}`);
}
function define16(cmd, io) {
  cmd.description("Show version information").argument("[args...]").option("-d, --debug", "output debug logs (implies --no-tty)").action((args) => {
    if (args.length > 0) io.stderr.write(`Warning: extra arguments are ignored: ${args.join(" ")}
`);
    io.stdout.write(`${versionLines().join("\n")}
`);
  });
}
var GO_ARCH2;
var init_version2 = __esm({
  "src/cli/commands/version.ts"() {
    "use strict";
    init_version();
    GO_ARCH2 = { x64: "amd64", ia32: "386", arm64: "arm64", arm: "arm", ppc64: "ppc64le", s390x: "s390x" };
  }
});

// src/cli/help/flags.ts
function remote(o = {}) {
  const p = o.prefix ? `${o.prefix}-` : "";
  const d = o.description ? `${o.description} ` : "";
  const top = p === "";
  const out = [];
  if (o.distributionSpec) {
    out.push({
      name: `${p}distribution-spec`,
      type: "string",
      custom: true,
      def: "unknown",
      usage: `[Preview] set OCI distribution spec version and API option for ${d}target. Options: v1.1-referrers-tag, v1.1-referrers-api`
    });
  }
  out.push(
    { name: `${p}username`, ...top ? { short: "u" } : {}, type: "string", usage: `${d}registry username` },
    { name: `${p}password`, ...top ? { short: "p" } : {}, type: "string", usage: `${d}registry password or identity token` },
    { name: `${p}identity-token`, type: "string", usage: `${d}registry identity token` },
    { name: `${p}insecure`, type: "bool", usage: `allow connections to ${d}SSL registry without certs` },
    { name: `${p}plain-http`, type: "bool", usage: `allow insecure connections to ${d}registry without SSL check` },
    { name: `${p}ca-file`, type: "string", usage: `server certificate authority file for the remote ${d}registry` },
    { name: `${p}cert-file`, type: "string", usage: `client certificate file for the remote ${d}registry` },
    { name: `${p}key-file`, type: "string", usage: `client private key file for the remote ${d}registry` },
    { name: `${p}resolve`, type: "stringArray", usage: `customized DNS for ${d}registry, formatted in \`host:port:address[:address_port]\`` },
    { name: `${p}registry-config`, type: "stringArray", usage: `\`path\` of the authentication file for ${d}registry` },
    { name: `${p}header`, ...top ? { short: "H" } : {}, type: "stringArray", usage: `add custom headers to ${d}requests` }
  );
  if (o.stdin) {
    out.push(
      { name: "password-stdin", type: "bool", usage: "read password from stdin" },
      { name: "identity-token-stdin", type: "bool", usage: "read identity token from stdin" }
    );
  }
  return out;
}
function target(o = {}) {
  const p = o.prefix ? `${o.prefix}-` : "";
  const d = o.description ? `${o.description} ` : "";
  return [
    ...remote({ ...o, stdin: !o.prefix }),
    { name: `${p}oci-layout`, type: "bool", usage: `set ${d}target as an OCI image layout` },
    { name: `${p}oci-layout-path`, type: "string", usage: `[Experimental] set the path for the ${d}OCI image layout target` }
  ];
}
function platform(description = "request platform") {
  return [{ name: "platform", type: "string", usage: `${description} in the form of \`os[/arch][/variant][:os_version]\`` }];
}
function concurrency(def) {
  return { name: "concurrency", type: "int", def: String(def), usage: "concurrency level" };
}
function format(defaultType, ...others) {
  const types = [...others, defaultType];
  const width = Math.max(...types.map((t) => `'${t.name}':`.length)) + 2;
  const lines = types.map((t) => `
${`'${t.name}':`.padEnd(width)}${t.usage}`);
  return [
    { name: "format", type: "string", def: defaultType.name, usage: `[Experimental] format output using a custom template:${lines.join("")}` },
    { name: "template", type: "string", usage: "[Experimental] template string used to format output" }
  ];
}
var COMMON, TERMINAL, PRETTY, DESCRIPTOR, CONFIRMATION, ANNOTATION, PACKER, JSON_T, GO_TEMPLATE, TEXT, FORMAT_DEFAULT, FLAGS;
var init_flags = __esm({
  "src/cli/help/flags.ts"() {
    "use strict";
    COMMON = [{ name: "debug", short: "d", type: "bool", usage: "output debug logs (implies --no-tty)" }];
    TERMINAL = [{ name: "no-tty", type: "bool", usage: "[Preview] disable progress bars" }];
    PRETTY = [{ name: "pretty", type: "bool", usage: "prettify JSON objects printed to stdout" }];
    DESCRIPTOR = [{ name: "descriptor", type: "bool", usage: "output the descriptor" }];
    CONFIRMATION = [{ name: "force", short: "f", type: "bool", usage: "ignore nonexistent references, never prompt" }];
    ANNOTATION = [{ name: "annotation", short: "a", type: "stringArray", usage: "manifest annotations" }];
    PACKER = [
      ...ANNOTATION,
      { name: "export-manifest", type: "string", usage: "`path` of the pushed manifest" },
      { name: "annotation-file", type: "string", usage: "path of the annotation file" },
      { name: "disable-path-validation", type: "bool", usage: "skip path validation" }
    ];
    JSON_T = { name: "json", usage: "Print in JSON format" };
    GO_TEMPLATE = { name: "go-template", usage: "Print output using the given Go template" };
    TEXT = { name: "text", usage: "Print in text format" };
    FORMAT_DEFAULT = () => format(TEXT, JSON_T, GO_TEMPLATE);
    FLAGS = {
      attach: [
        ...COMMON,
        ...PACKER,
        ...target({ distributionSpec: true }),
        ...FORMAT_DEFAULT(),
        ...platform("attach to an arch-specific subject"),
        ...TERMINAL,
        { name: "artifact-type", type: "string", usage: "artifact type" },
        { name: "config", type: "string", usage: "`path` of image config file" },
        concurrency(5)
      ],
      backup: [
        ...COMMON,
        ...remote({ distributionSpec: true, stdin: true }),
        ...TERMINAL,
        { name: "output", short: "o", type: "string", usage: "path to the target output, either a tar archive (*.tar) or a directory" },
        { name: "include-referrers", type: "bool", usage: "back up the artifact with its referrers (e.g., attestations, SBOMs)" },
        concurrency(3)
      ],
      cp: [
        ...COMMON,
        ...platform(),
        ...target({ prefix: "from", description: "source", distributionSpec: true }),
        ...target({ prefix: "to", description: "destination", distributionSpec: true }),
        { name: "resolve", type: "stringArray", usage: "base DNS rules formatted in `host:port:address[:address_port]` for --from-resolve and --to-resolve" },
        ...TERMINAL,
        { name: "recursive", short: "r", type: "bool", usage: "[Preview] recursively copy the artifact and its referrer artifacts" },
        concurrency(3)
      ],
      discover: [
        ...COMMON,
        ...platform(),
        ...target({ distributionSpec: true }),
        ...format(
          { name: "tree", usage: "Get referrers and print in tree format" },
          { name: "table", usage: "[Deprecated] Get referrers and output in table format" },
          { name: "json", usage: "Get referrers and output in JSON format" },
          { name: "go-template", usage: "Print referrers using the given Go template" }
        ),
        { name: "no-tty", type: "bool", usage: "[Preview] disable colors" },
        { name: "artifact-type", type: "string", usage: "artifact type" },
        { name: "output", short: "o", type: "string", def: "tree", usage: "[Deprecated] format in which to display referrers (table, json, or tree)." },
        { name: "depth", type: "int", usage: "[Experimental] level of referrers to display, if unused shows referrers of all levels" }
      ],
      login: [...COMMON, ...remote({ stdin: true })],
      logout: [
        { name: "debug", short: "d", type: "bool", usage: "debug mode" },
        { name: "registry-config", type: "stringArray", usage: "auth config path" }
      ],
      pull: [
        ...COMMON,
        ...platform(),
        ...target(),
        ...FORMAT_DEFAULT(),
        ...TERMINAL,
        { name: "keep-old-files", short: "k", type: "bool", usage: "do not replace existing files when pulling, treat them as errors" },
        { name: "allow-path-traversal", short: "T", type: "bool", usage: "allow storing files out of the output directory" },
        { name: "include-subject", type: "bool", usage: "recursively pull the subject of artifacts" },
        { name: "output", short: "o", type: "string", def: ".", usage: "output directory" },
        { name: "config", type: "string", usage: "output manifest config file" },
        concurrency(3)
      ],
      push: [
        ...COMMON,
        ...PACKER,
        { name: "artifact-platform", type: "string", usage: "[Experimental] set artifact platform in the form of `os[/arch][/variant][:os_version]`" },
        {
          name: "image-spec",
          type: "string",
          custom: true,
          usage: "[Preview] specify manifest type for building artifact. Options: v1.1, v1.0 (default v1.1, overridden to v1.0 if --config is used without --artifact-type)"
        },
        ...target(),
        ...FORMAT_DEFAULT(),
        ...TERMINAL,
        { name: "config", type: "string", usage: "`path` of image config file" },
        { name: "artifact-type", type: "string", usage: "artifact type" },
        concurrency(5)
      ],
      resolve: [
        ...COMMON,
        ...platform(),
        ...target(),
        { name: "full-reference", short: "l", type: "bool", usage: "print the full artifact reference with digest" }
      ],
      restore: [
        ...COMMON,
        ...remote({ distributionSpec: true, stdin: true }),
        ...TERMINAL,
        { name: "input", type: "string", usage: "path to the OCI layout, either a tar archive (*.tar) or a directory" },
        { name: "exclude-referrers", type: "bool", usage: "restore artifacts excluding their referrers" },
        { name: "dry-run", type: "bool", usage: "simulate the restore process without actually uploading any artifacts" },
        concurrency(5)
      ],
      tag: [...COMMON, ...target(), concurrency(5)],
      version: [],
      "blob delete": [...COMMON, ...CONFIRMATION, ...DESCRIPTOR, ...PRETTY, ...target()],
      "blob fetch": [
        ...COMMON,
        ...DESCRIPTOR,
        ...PRETTY,
        ...target(),
        ...TERMINAL,
        { name: "output", short: "o", type: "string", usage: "output file `path`, use - for stdout" }
      ],
      "blob push": [
        ...COMMON,
        ...DESCRIPTOR,
        ...PRETTY,
        ...target(),
        ...TERMINAL,
        { name: "size", type: "int64", def: "-1", usage: "provide the blob size" },
        { name: "media-type", type: "string", def: "application/vnd.oci.image.layer.v1.tar", usage: "specify the returned media type in the descriptor if --descriptor is used" }
      ],
      "manifest delete": [...COMMON, ...CONFIRMATION, ...DESCRIPTOR, ...PRETTY, ...target({ distributionSpec: true })],
      "manifest fetch": [
        ...COMMON,
        ...DESCRIPTOR,
        ...platform(),
        ...PRETTY,
        ...target(),
        ...format(TEXT, { name: "json", usage: "Print in prettified JSON format" }, { name: "go-template", usage: "Print using the given Go template" }),
        { name: "media-type", type: "stringSlice", usage: "accepted media types" },
        { name: "output", short: "o", type: "string", usage: "file `path` to write the fetched manifest to, use - for stdout" }
      ],
      "manifest fetch-config": [
        ...COMMON,
        ...DESCRIPTOR,
        ...platform(),
        ...PRETTY,
        ...target(),
        { name: "output", short: "o", type: "string", usage: "file `path` to write the fetched config to, use - for stdout" }
      ],
      "manifest push": [
        ...COMMON,
        ...DESCRIPTOR,
        ...PRETTY,
        ...target({ distributionSpec: true }),
        { name: "media-type", type: "string", usage: "media type of manifest" },
        concurrency(5)
      ],
      "manifest index create": [
        ...COMMON,
        ...target(),
        ...PRETTY,
        ...ANNOTATION,
        { name: "artifact-type", type: "string", usage: "artifact type for overall index" },
        { name: "output", short: "o", type: "string", usage: "file `path` to write the created index to, use - for stdout" }
      ],
      "manifest index update": [
        ...COMMON,
        ...target(),
        ...PRETTY,
        { name: "artifact-type", type: "string", usage: "new artifact type for overall index" },
        { name: "add", type: "stringArray", usage: "manifests to add to the index" },
        { name: "merge", type: "stringArray", usage: "indexes to be merged into the index" },
        { name: "remove", type: "stringArray", usage: "manifests to remove from the index, must be digests" },
        { name: "tag", type: "stringArray", usage: "extra tags for the updated index" },
        { name: "output", short: "o", type: "string", usage: "file `path` to write the created index to, use - for stdout" }
      ],
      "repo ls": [...remote({ stdin: true }), ...COMMON, ...FORMAT_DEFAULT(), { name: "last", type: "string", usage: "start after the repository specified by `last`" }],
      "repo tags": [
        ...COMMON,
        ...target(),
        ...FORMAT_DEFAULT(),
        { name: "last", type: "string", usage: "start after the tag specified by `last`" },
        { name: "exclude-digest-tags", type: "bool", usage: "[Preview] exclude all digest-like tags such as 'sha256-aaaa...'" }
      ]
    };
  }
});

// src/cli/help/render.ts
var render_exports = {};
__export(render_exports, {
  HELP_PATHS: () => HELP_PATHS,
  flagUsages: () => flagUsages,
  isGroup: () => isGroup,
  renderHelp: () => renderHelp,
  renderHelpCommandPage: () => renderHelpCommandPage,
  renderUsage: () => renderUsage,
  resolveHelpPath: () => resolveHelpPath,
  withProgramName: () => withProgramName
});
function children(path) {
  const depth = path === "" ? 1 : path.split(" ").length + 1;
  return HELP_PATHS.filter((p) => p.split(" ").length === depth && (path === "" || p.startsWith(`${path} `))).map((p) => p.split(" ")[depth - 1]);
}
function isGroup(path) {
  return children(path).length > 0;
}
function helpText(path) {
  return HELP_TEXT[path] ?? EXTRA_TEXT[path];
}
function resolveHelpPath(words) {
  let path = "";
  let used = 0;
  for (const w of words) {
    const next = children(path).find((name) => {
      const full = path === "" ? name : `${path} ${name}`;
      return name === w || helpText(full)?.aliases?.includes(w);
    });
    if (next === void 0) break;
    path = path === "" ? next : `${path} ${next}`;
    used++;
  }
  return { path, used };
}
function withProgramName(text, prog) {
  if (prog === "oras") return text;
  return text.replace(/(^|[\s"'`])oras(?= )/gm, `$1${prog}`);
}
function quoteGo(s2) {
  return JSON.stringify(s2);
}
function isZeroDefault(f2) {
  if (f2.def === void 0) return true;
  switch (f2.type) {
    case "bool":
      return f2.def === "false" || f2.def === "";
    case "int":
    case "int64":
      return f2.def === "0";
    case "duration":
      return f2.def === "0" || f2.def === "0s";
    case "stringArray":
    case "stringSlice":
      return f2.def === "[]";
    default:
      return f2.custom ? ["false", "<nil>", "", "0"].includes(f2.def) : f2.def === "";
  }
}
function typeName2(f2) {
  switch (f2.type) {
    case "bool":
      return "";
    case "int64":
      return "int";
    case "stringSlice":
      return "strings";
    default:
      return f2.type;
  }
}
function flagUsages(flags) {
  const sorted = [...flags].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const rows = [];
  for (const f2 of sorted) {
    let left = f2.short ? `  -${f2.short}, --${f2.name}` : `      --${f2.name}`;
    let usage = f2.usage;
    let varname = typeName2(f2);
    const q = /`([^`]*)`/.exec(usage);
    if (q) {
      varname = q[1];
      usage = usage.replace(q[0], varname);
    }
    if (varname) left += ` ${varname}`;
    if (!isZeroDefault(f2)) usage += f2.type === "string" ? ` (default ${quoteGo(f2.def)})` : ` (default ${f2.def})`;
    rows.push({ left, usage });
  }
  const maxlen = Math.max(0, ...rows.map((r) => r.left.length + 1));
  return rows.map((r) => `${r.left} ${" ".repeat(maxlen - r.left.length)} ${r.usage.replace(/\n/g, `
${" ".repeat(maxlen + 2)}`)}
`).join("");
}
function helpFlag(path, prog) {
  const name = path === "" ? prog : path.split(" ").pop();
  return { name: "help", short: "h", type: "bool", usage: `help for ${name}` };
}
function renderHelp(path, prog) {
  const text = helpText(path);
  const out = [];
  const description = (text?.long ?? text?.short ?? "").replace(/\s+$/, "");
  if (description) out.push(`${withProgramName(description, prog)}

`);
  out.push(renderUsage(path, prog));
  return out.join("");
}
function renderUsage(path, prog) {
  const text = helpText(path);
  const subs = children(path);
  const commandPath = path === "" ? prog : `${prog} ${path}`;
  const parentPath = path.includes(" ") ? `${prog} ${path.slice(0, path.lastIndexOf(" "))}` : prog;
  let s2 = "Usage:";
  if (subs.length === 0 && text) {
    let useLine = `${parentPath} ${withProgramName(text.use, prog)}`;
    if (!useLine.includes("[flags]")) useLine += " [flags]";
    s2 += `
  ${useLine}`;
  } else {
    s2 += `
  ${commandPath} [command]`;
  }
  if (text?.aliases && text.aliases.length > 0) {
    s2 += `

Aliases:
  ${[path.split(" ").pop(), ...text.aliases].join(", ")}`;
  }
  if (subs.length > 0) {
    const names = path === "" ? [...subs, "help"].sort() : subs;
    const pad2 = Math.max(11, ...names.map((n2) => n2.length));
    s2 += "\n\nAvailable Commands:";
    for (const n2 of names) {
      const short = n2 === "help" && path === "" ? "Help about any command" : helpText(path === "" ? n2 : `${path} ${n2}`)?.short ?? "";
      s2 += `
  ${n2.padEnd(pad2)} ${withProgramName(short, prog)}`;
    }
  }
  const tsOnly = EXTRA_TEXT[path] !== void 0;
  const own = (tsOnly ? EXTRA_FLAGS[path] : FLAGS[path]) ?? [];
  s2 += `

Flags:
${flagUsages([...own, helpFlag(path, prog)]).replace(/\s+$/, "")}`;
  const extra = tsOnly ? void 0 : EXTRA_FLAGS[path];
  if (extra && extra.length > 0) s2 += `

Flags only in oras-ts:
${flagUsages(extra).replace(/\s+$/, "")}`;
  if (subs.length > 0) s2 += `

Use "${commandPath} [command] --help" for more information about a command.`;
  return `${s2}
`;
}
function renderHelpCommandPage(prog) {
  return `Help provides help for any command in the application.
Simply type ${prog} help [path to command] for full details.

Usage:
  ${prog} help [command] [flags]

Flags:
${flagUsages([{ name: "help", short: "h", type: "bool", usage: "help for help" }]).replace(/\s+$/, "")}
`;
}
var HELP_PATHS;
var init_render = __esm({
  "src/cli/help/render.ts"() {
    "use strict";
    init_extras();
    init_flags();
    init_text();
    HELP_PATHS = [...Object.keys(HELP_TEXT), ...Object.keys(EXTRA_TEXT)].sort();
  }
});

// src/cli/errors.ts
var errors_exports = {};
__export(errors_exports, {
  UsageError: () => UsageError,
  renderError: () => renderError
});
import { STATUS_CODES as STATUS_CODES3 } from "node:http";
function oneLine(s2) {
  return printable(s2.replace(/\s*\n\s*/g, " ").trim());
}
function registryReply(err) {
  let cur = err;
  for (let i = 0; i < 32 && typeof cur === "object" && cur !== null; i++) {
    const r = cur;
    if (typeof r.status === "number" && typeof r.method === "string" && typeof r.url === "string" && Array.isArray(r.errors)) return r;
    cur = r.cause;
  }
  return void 0;
}
function chainHasCode(err, code) {
  let cur = err;
  for (let i = 0; i < 32 && typeof cur === "object" && cur !== null; i++) {
    if (OrasError.is(cur) && cur.code === code) return true;
    cur = cur.cause;
  }
  return false;
}
function goNetworkWording(message) {
  const goMethod = (m) => `${m.charAt(0)}${m.slice(1).toLowerCase()}`;
  const goAddr = (a) => {
    const i = a.lastIndexOf(":");
    const host = a.slice(0, i);
    return host.includes(":") && !host.startsWith("[") ? `[${host}]${a.slice(i)}` : a;
  };
  const reasons = {
    ECONNREFUSED: "connect: connection refused",
    EHOSTUNREACH: "connect: no route to host",
    ENETUNREACH: "connect: network is unreachable",
    ETIMEDOUT: "i/o timeout"
  };
  return message.replace(/\b(GET|HEAD|PUT|POST|PATCH|DELETE) ("[^"]*"): connect (ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT) (\S+)/g, (_m, method, url, code, addr) => `${goMethod(method)} ${url}: dial tcp ${goAddr(addr)}: ${reasons[code]}`).replace(/\b(GET|HEAD|PUT|POST|PATCH|DELETE) ("[^"]*"): getaddrinfo (?:ENOTFOUND|EAI_AGAIN) (\S+)/g, (_m, method, url, host) => `${goMethod(method)} ${url}: dial tcp: lookup ${host}: no such host`);
}
function describe2(err, ctx, side) {
  let message = goNetworkWording(err.message);
  const hints = [];
  if (message.includes(BASIC_CREDENTIAL_NOT_FOUND)) {
    message = message.replace(/\b(?:GET|HEAD|PUT|POST|PATCH|DELETE) "[^"]*": basic credential not found/, BASIC_CREDENTIAL_NOT_FOUND);
    const file = ctx.credentialFile?.(side);
    hints.push(`Please check whether the registry credential stored in the authentication file ${file ? `at ${JSON.stringify(file)} ` : ""}is correct`);
    if (err.hint) hints.push(err.hint);
    return { prefix: "Error: ", message, hints };
  }
  const reply = registryReply(err);
  let fromRegistry = err.code === "REGISTRY_ERROR" || err.code === "UNAUTHORIZED" || err.code === "FORBIDDEN";
  if (!fromRegistry && reply && chainHasCode(err, "NOT_FOUND")) fromRegistry = true;
  if (reply && err.code === "NOT_FOUND" && /: repository not found$/.test(err.message)) {
    message = reply.errors.length > 0 ? renderRegistryErrors(reply.errors) : `${reply.method} "${reply.url}": response status code ${reply.status}: ${STATUS_CODES3[reply.status] ?? ""}`;
  }
  if (err.hint) hints.push(err.hint);
  return { prefix: fromRegistry ? REGISTRY_ERROR_PREFIX : "Error: ", message, hints };
}
function renderError(err, debug, ctx = {}) {
  if (err instanceof CopyError) err = err.cause;
  const lines = [];
  if (err instanceof UsageError) {
    lines.push(`Error: ${oneLine(err.message)}`);
    if (err.hint) lines.push(printableLines(err.hint));
  } else if (OrasError.is(err) && typeof err.prefix === "string" && err.origin !== void 0) {
    const side = String(err.origin);
    const d = describe2(err, ctx, side);
    lines.push(`${err.prefix}: ${oneLine(d.message)}`);
    for (const h of d.hints) lines.push(printableLines(h));
  } else if (OrasError.is(err)) {
    const d = describe2(err, ctx);
    lines.push(`${d.prefix}${oneLine(d.message)}`);
    for (const h of d.hints) lines.push(printableLines(h));
  } else if (err instanceof Error) {
    const code = err.code;
    lines.push(`Error: ${oneLine(goNetworkWording(describeSystemError(err, code)))}`);
  } else {
    lines.push(`Error: ${oneLine(String(err))}`);
  }
  if (debug && err instanceof Error && err.stack) {
    lines.push(printableLines(err.stack));
    let cause = err.cause;
    for (let i = 0; i < 8 && cause instanceof Error; i++) {
      lines.push(`caused by: ${printableLines(cause.stack ?? cause.message)}`);
      cause = cause.cause;
    }
  }
  return { lines, exitCode: 1 };
}
function describeSystemError(err, code) {
  const e = err;
  switch (code) {
    case "ENOENT":
      return e.path ? `${e.path}: no such file or directory` : err.message;
    case "EACCES":
      return e.path ? `${e.path}: permission denied` : err.message;
    case "EISDIR":
      return e.path ? `${e.path}: is a directory` : err.message;
    default:
      return err.message;
  }
}
var UsageError, REGISTRY_ERROR_PREFIX, BASIC_CREDENTIAL_NOT_FOUND;
var init_errors4 = __esm({
  "src/cli/errors.ts"() {
    "use strict";
    init_errors();
    init_errors2();
    init_copy_error();
    init_escape();
    UsageError = class extends Error {
      hint;
      constructor(message, hint) {
        super(message);
        this.name = "UsageError";
        this.hint = hint;
      }
    };
    REGISTRY_ERROR_PREFIX = "Error response from registry: ";
    BASIC_CREDENTIAL_NOT_FOUND = "basic credential not found";
  }
});

// action/src/main.ts
import { randomUUID as randomUUID2 } from "node:crypto";
import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { homedir as homedir2, tmpdir as tmpdir3 } from "node:os";
import { join as join16, resolve as resolve4 } from "node:path";
import { Readable as Readable15 } from "node:stream";

// src/cli/main.ts
init_esm();

// src/cli/commands/index.ts
var COMMANDS = [
  { name: "attach", summary: "Attach files to an existing artifact", load: () => Promise.resolve().then(() => (init_attach2(), attach_exports)) },
  { name: "backup", summary: "[Experimental] Back up artifacts from a registry into an OCI image layout", load: () => Promise.resolve().then(() => (init_backup2(), backup_exports)) },
  {
    name: "blob",
    summary: "Blob operations",
    subcommands: ["delete", "remove", "rm", "fetch", "get", "push"],
    load: () => Promise.resolve().then(() => (init_blob(), blob_exports))
  },
  { name: "cp", aliases: ["copy"], summary: "Copy artifacts from one target to another", load: () => Promise.resolve().then(() => (init_cp(), cp_exports)) },
  { name: "discover", summary: "[Preview] Discover referrers of a manifest in a registry or an OCI image layout", load: () => Promise.resolve().then(() => (init_discover(), discover_exports)) },
  { name: "login", summary: "Log in to a remote registry", load: () => Promise.resolve().then(() => (init_login2(), login_exports)) },
  { name: "logout", summary: "Log out from a remote registry", load: () => Promise.resolve().then(() => (init_logout(), logout_exports)) },
  {
    name: "manifest",
    summary: "Manifest operations",
    subcommands: ["delete", "remove", "rm", "fetch", "get", "show", "fetch-config", "get-config", "push", "index"],
    load: () => Promise.resolve().then(() => (init_manifest3(), manifest_exports))
  },
  { name: "pull", summary: "Pull files from a registry or an OCI image layout", load: () => Promise.resolve().then(() => (init_pull3(), pull_exports)) },
  { name: "push", summary: "Push files to a registry or an OCI image layout", load: () => Promise.resolve().then(() => (init_push3(), push_exports)) },
  {
    name: "repo",
    aliases: ["repository"],
    summary: "Repository operations",
    subcommands: ["ls", "list", "tags", "show-tags"],
    load: () => Promise.resolve().then(() => (init_repo(), repo_exports))
  },
  { name: "restore", summary: "[Experimental] Restore artifacts to a registry from an OCI image layout", load: () => Promise.resolve().then(() => (init_restore2(), restore_exports)) },
  { name: "resolve", aliases: ["digest"], summary: "[Preview] Resolves digest of the target artifact", load: () => Promise.resolve().then(() => (init_resolve2(), resolve_exports)) },
  { name: "tag", summary: "Tag a manifest in a registry or an OCI image layout", load: () => Promise.resolve().then(() => (init_tag2(), tag_exports)) },
  { name: "serve", summary: "Serve an OCI registry (with the referrers API) from a local directory", load: () => Promise.resolve().then(() => (init_serve(), serve_exports)) },
  { name: "version", summary: "Show version information", load: () => Promise.resolve().then(() => (init_version2(), version_exports)) }
];
function findEntry(name) {
  if (name === void 0) return void 0;
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}

// src/cli/main.ts
init_io();
function normalizeArgv(argv) {
  const out = argv.map((a) => {
    const m = /^--([a-z][a-z0-9-]*)=(true|false)$/i.exec(a);
    if (!m) return a;
    return m[2]?.toLowerCase() === "true" ? `--${m[1]}` : `--no-${m[1]}`;
  });
  const groupAt = out.findIndex((a) => !a.startsWith("-"));
  const entry = findEntry(out[groupAt]);
  if (entry?.subcommands && out[groupAt + 1] !== "help") {
    let i = groupAt + 1;
    let names = entry.subcommands;
    while (i < out.length) {
      const j = out.findIndex((a, k) => k >= i && names.includes(a));
      if (j < 0) break;
      const [name] = out.splice(j, 1);
      out.splice(i, 0, name);
      i++;
      if (name !== "index") break;
      names = ["create", "pack", "update"];
    }
  }
  return out;
}
function isHelpFlag(a) {
  return a === "-h" || a === "--help" || a === "--help=true";
}
function suggestions(typed, names) {
  const t = typed.toLowerCase();
  const hits = names.filter((n2) => levenshtein(t, n2.toLowerCase()) <= 2 || n2.toLowerCase().startsWith(t));
  return hits.length > 0 ? `

Did you mean this?
${hits.map((h) => `	${h}
`).join("")}` : "";
}
function levenshtein(a, b) {
  if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[b.length];
}
function flagError(message, args, known = /* @__PURE__ */ new Set()) {
  const msg = message.replace(/^error:\s*/i, "");
  let m = /^unknown option '--([^'=]+)=([^']*)'/.exec(msg);
  if (m && known.has(`--${m[1]}`)) {
    const v = JSON.stringify(m[2]);
    return `invalid argument ${v} for "--${m[1]}" flag: strconv.ParseBool: parsing ${v}: invalid syntax`;
  }
  m = /^unknown option '(--?)([^']*)'/.exec(msg);
  if (m) return m[1] === "--" ? `unknown flag: --${m[2]}` : `unknown shorthand flag: '${m[2].charAt(0)}' in -${m[2]}`;
  m = /^option '(?:-([A-Za-z]), )?--([^ ']+)[^']*' argument missing/.exec(msg);
  if (m) {
    const short = m[1];
    return short && args.includes(`-${short}`) ? `flag needs an argument: '${short}' in -${short}` : `flag needs an argument: --${m[2]}`;
  }
  return msg;
}
function flagValue(args, name) {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return void 0;
}
async function credentialFiles(args, io) {
  const { resolveConfigPaths: resolveConfigPaths2 } = await Promise.resolve().then(() => (init_credentials(), credentials_exports));
  const { homedir: homedir3 } = process.getBuiltinModule("node:os");
  const { resolve: resolve5 } = process.getBuiltinModule("node:path");
  return (side) => {
    const given = flagValue(args, side === "source" ? "from-registry-config" : side === "destination" ? "to-registry-config" : "registry-config");
    try {
      return given !== void 0 ? resolve5(io.cwd, given) : resolveConfigPaths2({ env: io.env, homedir: io.env.HOME ?? homedir3() })[0];
    } catch {
      return void 0;
    }
  };
}
async function run(argv, io) {
  const prog = programName(io);
  const args = normalizeArgv(argv);
  const dashDash = args.indexOf("--");
  const flagsPart = dashDash < 0 ? args : args.slice(0, dashDash);
  const words = flagsPart.filter((a) => !a.startsWith("-"));
  const help = await Promise.resolve().then(() => (init_render(), render_exports));
  if (args.length === 0) {
    io.stdout.write(help.renderHelp("", prog));
    return 0;
  }
  const first = args[0];
  if (first.startsWith("-") && !isHelpFlag(first)) {
    io.stderr.write(`Error: ${flagError(`unknown option '${first.replace(/=.*$/, "")}'`, args)}
`);
    return 1;
  }
  if (first === "help") {
    const topic = args.slice(1).filter((a) => !a.startsWith("-"));
    if (topic.length === 0 && args.slice(1).some(isHelpFlag) || topic.length === 1 && topic[0] === "help") {
      io.stdout.write(help.renderHelpCommandPage(prog));
      return 0;
    }
    const { path: path2 } = help.resolveHelpPath(topic);
    if (path2 === "" && topic.length > 0) {
      io.stderr.write(`Unknown help topic [${topic.map((t) => `\`${t}\``).join(" ")}]
${help.renderUsage("", prog)}`);
      return 0;
    }
    io.stdout.write(help.renderHelp(path2, prog));
    return 0;
  }
  const { path, used } = help.resolveHelpPath(words);
  if (used === 0 && words.length > 0 && !isHelpFlag(first)) {
    const top = help.HELP_PATHS.filter((p) => p !== "" && !p.includes(" "));
    io.stderr.write(`Error: unknown command ${JSON.stringify(words[0])} for ${JSON.stringify(prog)}${suggestions(words[0], top)}
Run '${prog} --help' for usage.
`);
    return 1;
  }
  if (help.isGroup(path)) {
    const stray = flagsPart.find((a) => a.startsWith("-") && !isHelpFlag(a));
    if (stray !== void 0) {
      io.stderr.write(`Error: ${flagError(`unknown option '${stray.replace(/=.*$/, "")}'`, args)}
`);
      return 1;
    }
  }
  if (flagsPart.some(isHelpFlag) || help.isGroup(path)) {
    io.stdout.write(help.renderHelp(path, prog));
    return 0;
  }
  const program2 = new Command(prog);
  let exitCode = 0;
  const debug = args.includes("-d") || args.includes("--debug");
  program2.usage("[command]").exitOverride().helpOption(false).configureOutput({
    writeOut: (s2) => io.stdout.write(s2),
    writeErr: (s2) => io.stderr.write(s2),
    outputError: () => {
    }
  });
  const name = args.find((a) => !a.startsWith("-"));
  const wanted = findEntry(name);
  for (const entry of COMMANDS) {
    if (entry === wanted) {
      const mod = await entry.load();
      const cmd = program2.command(entry.name).summary(entry.summary);
      if (entry.aliases) cmd.aliases([...entry.aliases]);
      cmd.exitOverride();
      mod.define(cmd, io);
      for (const c of [cmd, ...cmd.commands, ...cmd.commands.flatMap((c2) => c2.commands)]) c.helpOption(false);
    } else {
      program2.command(entry.name).summary(entry.summary).description(entry.summary);
    }
  }
  if (wanted && args.some((a) => a === "-v" || a === "--verbose" || a === "--no-verbose")) {
    io.stderr.write("Flag --verbose has been deprecated, and will be removed in a future release.\n");
  }
  try {
    await program2.parseAsync(args, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.help" || err.code === "commander.version") return 0;
      const known = /* @__PURE__ */ new Set();
      const walk2 = (c, depth) => {
        for (const o of c.options) if (o.long) known.add(o.long);
        if (depth < 4) for (const sub of c.commands) walk2(sub, depth + 1);
      };
      walk2(program2, 0);
      io.stderr.write(`Error: ${flagError(err.message, args, known)}
`);
      return err.exitCode === 0 ? 0 : 1;
    }
    const { renderError: renderError2 } = await Promise.resolve().then(() => (init_errors4(), errors_exports));
    const r = renderError2(err, debug, { credentialFile: await credentialFiles(args, io) });
    io.stderr.write(`${r.lines.join("\n")}
`);
    exitCode = r.exitCode;
  }
  return exitCode;
}

// action/src/args.ts
function splitArgs(input2) {
  const words = [];
  let word = "";
  let inWord = false;
  let i = 0;
  const n2 = input2.length;
  while (i < n2) {
    const c = input2[i];
    if (c === " " || c === "	" || c === "\n" || c === "\r") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = input2.indexOf("'", i + 1);
      if (end < 0) throw new Error("args: unterminated single quote");
      word += input2.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      i++;
      for (; ; ) {
        if (i >= n2) throw new Error("args: unterminated double quote");
        const d = input2[i];
        if (d === '"') {
          i++;
          break;
        }
        const next = input2[i + 1];
        if (d === "\\" && next !== void 0 && '"\\$`\n'.includes(next)) {
          if (next !== "\n") word += next;
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
    } else if (c === "\\") {
      const next = input2[i + 1];
      if (next === void 0) throw new Error("args: a backslash ends the input");
      if (next !== "\n") {
        word += next;
        inWord = true;
      }
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

// action/src/output.ts
init_digest();
import { Writable as Writable2 } from "node:stream";
var MAX_MATCHED_LINE = 512;
var LineTap = class extends Writable2 {
  constructor(target2, onLine) {
    super();
    this.target = target2;
    this.onLine = onLine;
  }
  target;
  onLine;
  partial = "";
  _write(chunk, _enc, done) {
    const text = chunk.toString("utf8");
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      this.keep(text.slice(start, nl));
      this.onLine(this.partial);
      this.partial = "";
      start = nl + 1;
    }
    this.keep(text.slice(start));
    this.target.write(chunk, (err) => done(err ?? null));
  }
  _final(done) {
    if (this.partial !== "") this.onLine(this.partial);
    done();
  }
  keep(piece) {
    if (this.partial.length < MAX_MATCHED_LINE) this.partial += piece.slice(0, MAX_MATCHED_LINE - this.partial.length);
  }
};
var DigestFinder = class {
  digest;
  lines = 0;
  bare;
  line(raw) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() !== "") this.lines++;
    const m = /^Digest: (\S+)$/.exec(line) ?? /^ {2}"digest": "([^"]+)",?$/.exec(line);
    if (m?.[1] && isDigest(m[1])) this.digest = m[1];
    if (this.lines === 1 && isDigest(line.trim())) this.bare = line.trim();
  }
  result() {
    return this.digest ?? (this.lines === 1 ? this.bare : void 0);
  }
};

// action/src/main.ts
function input(name) {
  return (process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}
function escapeData(s2) {
  return s2.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function command(name, message) {
  process.stdout.write(`::${name}::${escapeData(message)}
`);
}
function setOutput(name, value) {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) {
    command("warning", `GITHUB_OUTPUT is not set: output ${name} is not recorded`);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID2()}`;
  appendFileSync(file, `${name}<<${delimiter}
${value}
${delimiter}
`, "utf8");
}
async function finished2(w) {
  await new Promise((done, fail) => w.end((err) => err ? fail(err) : done()));
}
async function main() {
  const registry = input("registry");
  const username = input("username");
  const password = input("password");
  if (password !== "") {
    for (const piece of password.split(/\r?\n/)) if (piece.trim() !== "") command("add-mask", piece);
    if (username !== "") command("add-mask", Buffer.from(`${username}:${password}`).toString("base64"));
  }
  let argv;
  try {
    argv = splitArgs(process.env.INPUT_ARGS ?? "");
  } catch (err2) {
    command("error", err2.message);
    return 1;
  }
  if (argv.length === 0) {
    command("error", "the args input is empty: give the oras command line, e.g. `push ghcr.io/org/repo:v1 file.txt`");
    return 1;
  }
  if ((username !== "" || password !== "") && (registry === "" || username === "" || password === "")) {
    command("error", "logging in needs all of registry, username and password");
    return 1;
  }
  const ac = new AbortController();
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => ac.abort(new Error("cancelled")));
  const cwd = resolve4(process.env.GITHUB_WORKSPACE ?? process.cwd(), input("working-directory") || ".");
  const env = { ...process.env };
  let configDir;
  const io = (stdout, stderr, stdin) => ({ stdout, stderr, stdin, env, cwd, signal: ac.signal });
  const finder = new DigestFinder();
  let firstError;
  const out = new LineTap(process.stdout, (l) => finder.line(l));
  const err = new LineTap(process.stderr, (l) => {
    if (firstError === void 0 && /^Error\b/.test(l)) firstError = l.replace(/^Error: /, "");
  });
  try {
    let code = 0;
    if (password !== "") {
      configDir = mkdtempSync(join16(process.env.RUNNER_TEMP || tmpdir3(), "oras-ts-action-"));
      try {
        copyFileSync(join16(process.env.DOCKER_CONFIG || join16(homedir2(), ".docker"), "config.json"), join16(configDir, "config.json"));
      } catch {
      }
      env.DOCKER_CONFIG = configDir;
      code = await run(["login", "-u", username, "--password-stdin", registry], io(process.stdout, err, Readable15.from([Buffer.from(password)])));
    }
    if (code === 0) code = await run(argv, io(out, err, Readable15.from([])));
    await Promise.all([finished2(out), finished2(err)]);
    const digest = finder.result();
    if (code === 0 && digest !== void 0) setOutput("digest", digest);
    if (code !== 0 && firstError !== void 0) command("error", firstError);
    return code;
  } finally {
    if (configDir !== void 0) rmSync(configDir, { recursive: true, force: true });
  }
}
process.exitCode = await main();

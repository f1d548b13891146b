// snakecase, kebabcase and camelcase as huandu/xstrings defines them (word
// splitting that keeps "HTTPServer" → "http_server" and "Bld4Floor" → "bld4_floor").
import { fn, type FuncMap } from '../exec/function';

const enum Word {
  Invalid,
  Number,
  Upper,
  Alphabet,
  Connector,
  Punct,
  Other,
}

const isConnector = (char: string): boolean => char === '-' || char === '_' || /^\s$/u.test(char);
const isUpper = (char: string): boolean => /\p{Lu}/u.test(char);
const isPunct = (char: string): boolean => /\p{P}/u.test(char);
const isNumber = (char: string): boolean => /\p{N}/u.test(char);
const isCJK = (char: string): boolean =>
  /[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/u.test(char);
const isAlphabet = (char: string): boolean => /\p{L}/u.test(char) && !isCJK(char);

interface Split {
  type: Word;
  word: string[];
  rest: string[];
}

function nextWord(chars: string[]): Split {
  if (chars.length === 0) return { type: Word.Invalid, word: [], rest: [] };
  const first = chars[0]!;
  let end = 1;
  const take = (predicate: (char: string) => boolean): void => {
    while (end < chars.length && predicate(chars[end]!)) end++;
  };
  let type: Word;
  if (isConnector(first)) {
    type = Word.Connector;
    take(isConnector);
  } else if (isPunct(first)) {
    type = Word.Punct;
    take(isPunct);
  } else if (isUpper(first)) {
    type = Word.Upper;
    if (end < chars.length) {
      const second = chars[end]!;
      if (isUpper(second)) {
        take(isUpper);
        // "HTTPStatus" splits into "HTTP" and "Status".
        if (end < chars.length && isAlphabet(chars[end]!)) end--;
      } else if (isAlphabet(second)) {
        take((char) => isAlphabet(char) && !isUpper(char));
      }
    }
  } else if (isAlphabet(first)) {
    type = Word.Alphabet;
    take((char) => isAlphabet(char) && !isUpper(char));
  } else if (isNumber(first)) {
    type = Word.Number;
    take(isNumber);
  } else {
    type = Word.Other;
    take((char) => !(isConnector(char) || isAlphabet(char) || isNumber(char) || isPunct(char)));
  }
  return { type, word: chars.slice(0, end), rest: chars.slice(end) };
}

function lowerWord(type: Word, word: string[], connector: string): string {
  if (type !== Word.Upper && type !== Word.Connector) return word.join('');
  return word.map((char) => (isConnector(char) ? connector : isUpper(char) ? char.toLowerCase() : char)).join('');
}

function camelCaseToLowerCase(text: string, connector: string): string {
  if (text === '') return '';
  let out = '';
  let { type, word, rest } = nextWord([...text]);
  while (rest.length > 0) {
    if (type !== Word.Connector) out += lowerWord(type, word, connector);
    const previous = type;
    const last = word;
    ({ type, word, rest } = nextWord(rest));
    switch (previous) {
      case Word.Number:
        while (type === Word.Alphabet || type === Word.Number) {
          out += lowerWord(type, word, connector);
          ({ type, word, rest } = nextWord(rest));
        }
        if (type !== Word.Invalid && type !== Word.Punct && type !== Word.Connector) out += connector;
        break;
      case Word.Connector:
        out += lowerWord(previous, last, connector);
        break;
      case Word.Punct:
        break;
      default: {
        if (type !== Word.Number) {
          if (type !== Word.Connector && type !== Word.Punct) out += connector;
          break;
        }
        if (rest.length === 0) break;
        const numberWord = word;
        ({ type, word, rest } = nextWord(rest));
        if (type !== Word.Alphabet) {
          out += lowerWord(Word.Number, numberWord, connector);
          if (type !== Word.Connector && type !== Word.Punct) out += connector;
          break;
        }
        out += connector + lowerWord(Word.Number, numberWord, connector);
        while (type === Word.Alphabet || type === Word.Number) {
          out += lowerWord(type, word, connector);
          ({ type, word, rest } = nextWord(rest));
        }
        if (type !== Word.Invalid && type !== Word.Connector && type !== Word.Punct) out += connector;
      }
    }
  }
  return out + lowerWord(type, word, connector);
}

function toCamelCase(text: string): string {
  if (text === '') return '';
  const chars = [...text];
  let out = '';
  let index = 0;
  let current = '';
  while (index < chars.length) {
    current = chars[index++]!;
    if (!isConnector(current)) {
      current = current.toUpperCase();
      break;
    }
    out += current;
  }
  if (index >= chars.length) return out + current;
  while (index < chars.length) {
    const previous = current;
    current = chars[index++]!;
    if (isConnector(current) && isConnector(previous)) {
      out += previous;
      continue;
    }
    if (isConnector(previous)) current = current.toUpperCase();
    else {
      current = current.toLowerCase();
      out += previous;
    }
  }
  return out + current;
}

function shuffle(text: string): string {
  const chars = [...text];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

export const caseFuncs: FuncMap = {
  snakecase: fn(['string'], ([text]) => camelCaseToLowerCase(text as string, '_')),
  kebabcase: fn(['string'], ([text]) => camelCaseToLowerCase(text as string, '-')),
  camelcase: fn(['string'], ([text]) => toCamelCase(text as string)),
  shuffle: fn(['string'], ([text]) => shuffle(text as string)),
};
